namespace Ory.Identity.Storage.Specification;

/// <summary>Expectations on a string, compared ordinally.</summary>
internal sealed class StringExpectation(string? subject, string expression) : ObjectExpectation<string?>(subject, expression)
{
    /// <summary>Expects the string to hold <paramref name="expected"/>.</summary>
    public AndConstraint<StringExpectation> Contain(string expected, string because = "", params object?[] becauseArgs)
    {
        Check(Subject is not null && Subject.Contains(expected, StringComparison.Ordinal), $"to contain {Show(expected)}",
            $"found {Show(Subject)}", because, becauseArgs);
        return new(this);
    }

    /// <summary>Expects the string not to hold <paramref name="unexpected"/>.</summary>
    public AndConstraint<StringExpectation> NotContain(string unexpected, string because = "", params object?[] becauseArgs)
    {
        Check(Subject is null || !Subject.Contains(unexpected, StringComparison.Ordinal), $"not to contain {Show(unexpected)}",
            $"found {Show(Subject)}", because, becauseArgs);
        return new(this);
    }
}
