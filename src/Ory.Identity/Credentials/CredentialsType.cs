using System.Text.Json.Serialization;
using Ory.Identity.Serialization;

namespace Ory.Identity;

/// <summary>
/// A credential type (Kratos's <c>identityCredentialsType</c>): <c>password</c>, <c>oidc</c>, <c>webauthn</c>, ….
/// Open-ended, so stores and JSON carry types this version does not know.
/// </summary>
[JsonConverter(typeof(CredentialsTypeJsonConverter))]
public readonly record struct CredentialsType
{
    /// <summary>Password; identifiers come from traits marked <c>credentials.password.identifier</c>.</summary>
    public static readonly CredentialsType Password = new("password");
    /// <summary>Social sign-in (OpenID Connect); identifiers are <c>provider:subject</c>.</summary>
    public static readonly CredentialsType Oidc = new("oidc");
    /// <summary>SAML sign-in; identifiers are <c>provider:subject</c>.</summary>
    public static readonly CredentialsType Saml = new("saml");
    /// <summary>Time-based one-time passwords.</summary>
    public static readonly CredentialsType Totp = new("totp");
    /// <summary>Lookup (backup) codes.</summary>
    public static readonly CredentialsType LookupSecret = new("lookup_secret");
    /// <summary>WebAuthn security keys.</summary>
    public static readonly CredentialsType WebAuthn = new("webauthn");
    /// <summary>Passkeys.</summary>
    public static readonly CredentialsType Passkey = new("passkey");
    /// <summary>One-time codes sent to an address; identifiers come from traits marked <c>credentials.code.identifier</c>.</summary>
    public static readonly CredentialsType Code = new("code");
    /// <summary>Device-bound keys of mobile devices.</summary>
    public static readonly CredentialsType DeviceAuthn = new("deviceauthn");
    /// <summary>
    /// API keys of machine identities (our extension, not Kratos's): identifiers are the key ids; the config holds keyed
    /// hashes and is never returned, whatever <c>include_credential</c> asks. Managed with <see cref="IApiKeyManager"/>.
    /// </summary>
    public static readonly CredentialsType ApiKey = new("api_key");

    private readonly string? _value;

    /// <summary>Creates a credential type from its wire name.</summary>
    /// <param name="value">The wire name, e.g. <c>"password"</c>.</param>
    public CredentialsType(string value)
    {
        ArgumentException.ThrowIfNullOrEmpty(value);
        _value = value;
    }

    /// <summary>The wire name.</summary>
    public string Value => _value ?? string.Empty;

    /// <summary>
    /// Whether identifiers of this type are normalized (trimmed, NFKC, lower-cased) on write and lookup:
    /// password, webauthn and code identifiers are; the others are case-sensitive and stored verbatim.
    /// </summary>
    public bool HasNormalizedIdentifiers => Value is "password" or "webauthn" or "code";

    /// <summary>The types Kratos's <c>include_credential</c> parameter accepts.</summary>
    public static IReadOnlyList<string> IncludableNames { get; } =
        ["password", "oidc", "saml", "totp", "lookup_secret", "webauthn", "code", "passkey", "deviceauthn", "link_recovery", "code_recovery"];

    /// <inheritdoc />
    public override string ToString() => Value;
}
