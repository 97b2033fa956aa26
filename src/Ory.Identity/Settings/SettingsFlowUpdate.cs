using System.Text.Json;

namespace Ory.Identity;

/// <summary>
/// A settings submission (Kratos's <c>updateSettingsFlowBody</c> without <c>csrf_token</c>, which the HTTP layer checks):
/// <see cref="Method"/> names the strategy, and only that strategy's fields are read. Holds the new password, a secret:
/// <see cref="ToString"/> never prints it.
/// </summary>
public sealed record SettingsFlowUpdate
{
    /// <summary><c>password</c> or <c>profile</c>; anything else (or null) is refused with 4010004.</summary>
    public string? Method { get; init; }

    /// <summary>The new password (method <c>password</c>); null when not sent.</summary>
    public string? Password { get; init; }

    /// <summary>The identity's complete new traits (method <c>profile</c>); null when not sent.</summary>
    public JsonElement? Traits { get; init; }

    /// <summary>A payload for webhooks, echoed on the returned flow and never stored; null when none.</summary>
    public JsonElement? TransientPayload { get; init; }

    /// <summary>Prints the method only.</summary>
    public override string ToString() => $"SettingsFlowUpdate {{ Method = {Method} }}";
}
