using System.Text.Json;

namespace Ory.Identity;

/// <summary>
/// Kratos's error object (herodot's <c>DefaultError</c>), the inner part of <c>{"error": {...}}</c>. Empty fields are
/// omitted in JSON.
/// </summary>
public sealed partial record OryError
{
    /// <summary>The HTTP status code, e.g. 400.</summary>
    public required int Code { get; init; }

    /// <summary>The HTTP reason phrase, e.g. <c>Bad Request</c>.</summary>
    public required string Status { get; init; }

    /// <summary>The machine-readable error id, e.g. <c>identity_disabled</c>; null when none.</summary>
    public string? Id { get; init; }

    /// <summary>The generic message of the error class, e.g. <c>The requested resource could not be found</c>.</summary>
    public required string Message { get; init; }

    /// <summary>The specific, human-readable reason; null when none.</summary>
    public string? Reason { get; init; }

    /// <summary>The request id, set by HTTP hosts; null when none.</summary>
    public string? Request { get; init; }

    /// <summary>Structured details; null when none.</summary>
    public JsonElement? Details { get; init; }
}
