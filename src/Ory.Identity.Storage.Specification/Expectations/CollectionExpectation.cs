namespace Ory.Identity.Storage.Specification;

/// <summary>Expectations on a sequence, its items compared with <see cref="EqualityComparer{T}.Default"/>.</summary>
internal sealed class CollectionExpectation<T>(IEnumerable<T>? subject, string expression) : Expectation(expression)
{
    private List<T> Items => [.. subject ?? throw new ConformanceFailedException($"Expected {Expression} to be a sequence, but found <null>.")];

    /// <summary>Expects the sequence to be null.</summary>
    public void BeNull(string because = "", params object?[] becauseArgs) =>
        Check(subject is null, "to be <null>", $"found {Show(subject)}", because, becauseArgs);

    /// <summary>Expects the sequence not to be null; <c>.And</c> goes on checking it.</summary>
    public AndConstraint<CollectionExpectation<T>> NotBeNull(string because = "", params object?[] becauseArgs)
    {
        Check(subject is not null, "not to be <null>", "it was", because, becauseArgs);
        return new(this);
    }

    /// <summary>Expects exactly <paramref name="expected"/>, in this order.</summary>
    public void Equal(params T[] expected) => Equal((IEnumerable<T>)expected);

    /// <summary>Expects exactly <paramref name="expected"/>, in this order.</summary>
    public void Equal(IEnumerable<T> expected)
    {
        var items = Items;
        var wanted = expected.ToList();
        Check(items.SequenceEqual(wanted), $"to equal {Show(wanted)}", $"found {Show(items)}", string.Empty, []);
    }

    /// <summary>Expects the same items as <paramref name="expected"/>, as many times each, in any order.</summary>
    public void BeEquivalentTo(IEnumerable<T> expected)
    {
        var items = Items;
        var wanted = expected.ToList();
        var left = new List<T>(items);
        var same = items.Count == wanted.Count && wanted.All(w =>
        {
            var at = left.FindIndex(i => EqualityComparer<T>.Default.Equals(i, w));
            if (at < 0)
            {
                return false;
            }

            left.RemoveAt(at);
            return true;
        });
        Check(same, $"to hold (in any order) {Show(wanted)}", $"found {Show(items)}", string.Empty, []);
    }

    /// <summary>Expects no items.</summary>
    public void BeEmpty(string because = "", params object?[] becauseArgs) =>
        Check(Items.Count == 0, "to be empty", $"found {Show(Items)}", because, becauseArgs);

    /// <summary>Expects at least one item.</summary>
    public void NotBeEmpty(string because = "", params object?[] becauseArgs) =>
        Check(Items.Count > 0, "not to be empty", "it was", because, becauseArgs);

    /// <summary>Expects <paramref name="count"/> items; <c>.And</c> goes on checking them.</summary>
    public AndConstraint<CollectionExpectation<T>> HaveCount(int count, string because = "", params object?[] becauseArgs)
    {
        var items = Items;
        Check(items.Count == count, $"to have {count} item(s)", $"found {items.Count}: {Show(items)}", because, becauseArgs);
        return new(this);
    }

    /// <summary>Expects exactly one item; <c>.Which</c> is that item.</summary>
    public ObjectExpectation<T> ContainSingle()
    {
        var items = Items;
        Check(items.Count == 1, "to hold a single item", $"found {items.Count}: {Show(items)}", string.Empty, []);
        return new ObjectExpectation<T>(items[0], Expression + "[0]");
    }

    /// <summary>Expects <paramref name="expected"/> among the items.</summary>
    public void Contain(T expected) =>
        Check(Items.Contains(expected), $"to contain {Show(expected)}", $"found {Show(Items)}", string.Empty, []);

    /// <summary>Expects every one of <paramref name="expected"/> among the items.</summary>
    public void Contain(IEnumerable<T> expected)
    {
        var items = Items;
        var missing = expected.Where(e => !items.Contains(e)).ToList();
        Check(missing.Count == 0, $"to contain {Show(missing)}", $"found {Show(items)}", string.Empty, []);
    }

    /// <summary>Expects <paramref name="unexpected"/> not among the items.</summary>
    public void NotContain(T unexpected) =>
        Check(!Items.Contains(unexpected), $"not to contain {Show(unexpected)}", $"found {Show(Items)}", string.Empty, []);

    /// <summary>Expects <paramref name="predicate"/> to hold for every item.</summary>
    public void OnlyContain(Func<T, bool> predicate)
    {
        var failing = Items.Where(i => !predicate(i)).ToList();
        Check(failing.Count == 0, "to hold only items matching the condition", $"{Show(failing)} did not", string.Empty, []);
    }

    /// <summary>Expects every item of type <typeparamref name="TExpected"/>.</summary>
    public void AllBeOfType<TExpected>()
    {
        var others = Items.Where(i => i?.GetType() != typeof(TExpected)).ToList();
        Check(others.Count == 0, $"to hold only items of type {typeof(TExpected).Name}",
            $"found {Show(others.Select(o => o?.GetType().Name ?? "<null>"))}", string.Empty, []);
    }

    /// <summary>Expects no item twice.</summary>
    public void OnlyHaveUniqueItems()
    {
        var twice = Items.GroupBy(i => i).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        Check(twice.Count == 0, "to hold each item once", $"found {Show(twice)} more than once", string.Empty, []);
    }

    /// <summary>Expects the items in ascending order of <paramref name="comparer"/>.</summary>
    public void BeInAscendingOrder(IComparer<T> comparer)
    {
        var items = Items;
        var ordered = items.Order(comparer).ToList();
        Check(items.SequenceEqual(ordered), $"to be in ascending order {Show(ordered)}", $"found {Show(items)}", string.Empty, []);
    }
}
