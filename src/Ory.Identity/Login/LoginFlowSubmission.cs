using System.Text.Json;

namespace Ory.Identity;

/// <summary>
/// A login submission (Kratos's <c>updateLoginFlowWithPasswordMethod</c> without <c>csrf_token</c>, which the HTTP layer
/// checks). Holds the password, a secret, and the identifier: <see cref="ToString"/> prints neither.
/// </summary>
public sealed record LoginFlowSubmission
{
    /// <summary><c>password</c>; anything else (or null) is refused with 4010002.</summary>
    public string? Method { get; init; }

    /// <summary>The identifier (e.g. an email); null when not sent.</summary>
    public string? Identifier { get; init; }

    /// <summary>The password; null when not sent.</summary>
    public string? Password { get; init; }

    /// <summary>A payload for webhooks, echoed on the returned flow and never stored; null when none.</summary>
    public JsonElement? TransientPayload { get; init; }

    /// <summary>Prints the method only.</summary>
    public override string ToString() => $"LoginFlowSubmission {{ Method = {Method} }}";
}
