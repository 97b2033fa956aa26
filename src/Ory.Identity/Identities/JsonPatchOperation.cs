using System.Text.Json;
using System.Text.Json.Serialization;

namespace Ory.Identity;

/// <summary>
/// One RFC 6902 operation of a <c>PATCH /admin/identities/{id}</c> body. Kratos accepts only <c>add</c>,
/// <c>remove</c> and <c>replace</c>; other operations are refused.
/// </summary>
public sealed partial record JsonPatchOperation
{
    /// <summary>The operation: <c>add</c>, <c>remove</c> or <c>replace</c>.</summary>
    [JsonPropertyName("op")]
    public required string Op { get; init; }

    /// <summary>The JSON Pointer the operation applies to, e.g. <c>/traits/email</c>.</summary>
    [JsonPropertyName("path")]
    public required string Path { get; init; }

    /// <summary>The value for <c>add</c> and <c>replace</c>.</summary>
    [JsonPropertyName("value")]
    public JsonElement? Value { get; init; }

    /// <summary>The source pointer of <c>move</c> and <c>copy</c> (refused).</summary>
    [JsonPropertyName("from")]
    public string? From { get; init; }

    /// <summary>Never prints the value: it may hold traits or secrets.</summary>
    public override string ToString() => $"JsonPatchOperation {{ Op = {Op}, Path = {Path} }}";
}
