namespace Ory.Identity.Storage.Specification;

/// <summary>
/// Marks a method of a conformance kit as one of its cases; with arguments, one case per attribute (the method is
/// called with them). <see cref="ConformanceKit.RunCaseAsync"/> runs a case by name, whatever the test framework.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true)]
public sealed class ConformanceCaseAttribute(params object?[] arguments) : Attribute
{
    /// <summary>The arguments the case's method is called with (none for a method without parameters).</summary>
    public IReadOnlyList<object?> Arguments { get; } = arguments;
}
