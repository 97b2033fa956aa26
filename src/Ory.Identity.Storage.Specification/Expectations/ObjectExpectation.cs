namespace Ory.Identity.Storage.Specification;

/// <summary>Expectations on any value, compared with <see cref="object.Equals(object?, object?)"/>.</summary>
internal class ObjectExpectation<T>(T subject, string expression) : Expectation(expression)
{
    /// <summary>The value under check.</summary>
    public T Subject { get; } = subject;

    /// <summary>The value under check, to check one of its members next: <c>.Which.StatusCode.Should()…</c>.</summary>
    public T Which => Subject;

    /// <summary>Expects the value to equal <paramref name="expected"/>.</summary>
    public void Be(T expected, string because = "", params object?[] becauseArgs) =>
        Check(Equals(Subject, expected), $"to be {Show(expected)}", $"found {Show(Subject)}", because, becauseArgs);

    /// <summary>Expects the value to differ from <paramref name="unexpected"/>.</summary>
    public void NotBe(T unexpected, string because = "", params object?[] becauseArgs) =>
        Check(!Equals(Subject, unexpected), $"not to be {Show(unexpected)}", "it was", because, becauseArgs);

    /// <summary>Expects the value to be null.</summary>
    public void BeNull(string because = "", params object?[] becauseArgs) =>
        Check(Subject is null, "to be <null>", $"found {Show(Subject)}", because, becauseArgs);

    /// <summary>Expects the value not to be null; <c>.And</c> goes on checking it.</summary>
    public AndConstraint<ObjectExpectation<T>> NotBeNull(string because = "", params object?[] becauseArgs)
    {
        Check(Subject is not null, "not to be <null>", "it was", because, becauseArgs);
        return new(this);
    }

    /// <summary>Expects the value to equal one of <paramref name="expected"/>.</summary>
    public void BeOneOf(params T[] expected) =>
        Check(expected.Contains(Subject), $"to be one of {Show(expected)}", $"found {Show(Subject)}", string.Empty, []);

    /// <summary>Expects the value to be exactly of type <typeparamref name="TExpected"/>.</summary>
    public void BeOfType<TExpected>() =>
        Check(Subject?.GetType() == typeof(TExpected), $"to be of type {typeof(TExpected).Name}",
            $"found {(Subject is null ? "<null>" : Subject.GetType().Name)}", string.Empty, []);

    /// <summary>Expects <paramref name="predicate"/> to hold for the value.</summary>
    public void Match(Func<T, bool> predicate) =>
        Check(predicate(Subject), "to match the condition", $"found {Show(Subject)}", string.Empty, []);
}
