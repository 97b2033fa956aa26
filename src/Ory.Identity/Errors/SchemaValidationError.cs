namespace Ory.Identity;

/// <summary>One schema violation, in Kratos's terms.</summary>
/// <param name="InstancePointer">Where in the document, e.g. <c>#/traits/email</c>.</param>
/// <param name="SchemaPointer">Which schema keyword, e.g. <c>#/properties/traits/properties/email/format</c>.</param>
/// <param name="Message">Kratos's message, e.g. <c>"x" is not valid "email"</c>. May quote the offending value.</param>
public sealed record SchemaValidationError(string InstancePointer, string SchemaPointer, string Message)
{
    /// <summary>Kratos's one-line form: <c>I[#/traits/x] S[#/properties/traits/properties/x/type] message</c>.</summary>
    public string ToKratosText() => $"I[{InstancePointer}] S[{SchemaPointer}] {Message}";

    /// <summary>Prints the pointers only: the message may quote trait values.</summary>
    public override string ToString() => $"I[{InstancePointer}] S[{SchemaPointer}]";
}
