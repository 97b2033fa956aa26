namespace Ory.Identity.Storage.Specification;

/// <summary>Expectations on a boolean.</summary>
internal sealed class BooleanExpectation(bool subject, string expression) : ObjectExpectation<bool>(subject, expression)
{
    /// <summary>Expects true.</summary>
    public void BeTrue(string because = "", params object?[] becauseArgs) =>
        Check(Subject, "to be true", "found false", because, becauseArgs);

    /// <summary>Expects false.</summary>
    public void BeFalse(string because = "", params object?[] becauseArgs) =>
        Check(!Subject, "to be false", "found true", because, becauseArgs);
}

/// <summary>Expectations on a <see cref="Guid"/>.</summary>
internal sealed class GuidExpectation(Guid subject, string expression) : ObjectExpectation<Guid>(subject, expression)
{
    /// <summary>Expects any id but <see cref="Guid.Empty"/>.</summary>
    public void NotBeEmpty(string because = "", params object?[] becauseArgs) =>
        Check(Subject != Guid.Empty, "not to be the empty Guid", "it was", because, becauseArgs);
}

/// <summary>Expectations on an ordered value (a count, a number).</summary>
internal sealed class ComparableExpectation<T>(T subject, string expression) : ObjectExpectation<T>(subject, expression)
    where T : IComparable<T>
{
    /// <summary>Expects the value to be at most <paramref name="maximum"/>.</summary>
    public void BeLessThanOrEqualTo(T maximum, string because = "", params object?[] becauseArgs) =>
        Check(Subject.CompareTo(maximum) <= 0, $"to be at most {Show(maximum)}", $"found {Show(Subject)}", because, becauseArgs);
}
