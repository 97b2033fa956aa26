using System.Text.Json;
using NodaTime;

namespace Ory.Identity;

/// <summary>One credential of an identity (Kratos's <c>identityCredentials</c>).</summary>
public sealed partial record IdentityCredentials
{
    /// <summary>The credential type; equals the key it is stored under.</summary>
    public required CredentialsType Type { get; init; }

    /// <summary>The identifiers the credential is found by, e.g. the normalized email for a password.</summary>
    public required IReadOnlyList<string> Identifiers { get; init; }

    /// <summary>
    /// The type-specific configuration (a password hash, OIDC providers, …); null in views without config, and for
    /// Kratos's empty config <c>{}</c> (a password credential without a password), which views with config show as <c>{}</c>.
    /// </summary>
    public JsonElement? Config { get; init; }

    /// <summary>The version of the config format.</summary>
    public int Version { get; init; }

    /// <summary>When the credential was created.</summary>
    public required Instant CreatedAt { get; init; }

    /// <summary>When the credential was last changed.</summary>
    public required Instant UpdatedAt { get; init; }

    /// <summary>Never prints identifiers or config: both can be secrets or personal data.</summary>
    public override string ToString() => $"IdentityCredentials {{ Type = {Type}, Identifiers = {Identifiers.Count}, Version = {Version} }}";
}
