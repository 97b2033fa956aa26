namespace Ory.Identity.Storage.Specification;

/// <summary>Lets one expectation chain the next on the same value: <c>x.Should().NotBeNull().And.BeEmpty()</c>.</summary>
internal readonly struct AndConstraint<TExpectation>(TExpectation and)
{
    /// <summary>The expectation to go on with.</summary>
    public TExpectation And { get; } = and;
}
