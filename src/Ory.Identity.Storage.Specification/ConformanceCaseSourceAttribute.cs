namespace Ory.Identity.Storage.Specification;

/// <summary>
/// Makes a method of a conformance kit one case per row of a static member of its class (a property or method
/// returning <c>IEnumerable&lt;object?[]&gt;</c>), each row the method's arguments.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class ConformanceCaseSourceAttribute(string memberName) : Attribute
{
    /// <summary>The name of the static member that yields the rows.</summary>
    public string MemberName { get; } = memberName;
}
