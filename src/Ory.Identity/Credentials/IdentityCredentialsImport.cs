using System.Text.Json.Serialization;

namespace Ory.Identity;

/// <summary>
/// The <c>credentials</c> object of a create or update body (Kratos's <c>identityWithCredentials</c>): each part is
/// optional. Each part's <c>config</c> is kept as raw JSON here and checked by the credential importer.
/// </summary>
public sealed partial record IdentityCredentialsImport
{
    /// <summary>A password: <c>{"config":{"password"|"hashed_password"|"use_password_migration_hook"}}</c>.</summary>
    public CredentialsImportPart? Password { get; init; }

    /// <summary>Social sign-in links: <c>{"config":{"providers":[{provider, subject, …}]}}</c>.</summary>
    public CredentialsImportPart? Oidc { get; init; }

    /// <summary>SAML links: <c>{"config":{"providers":[{provider, subject}]}}</c>.</summary>
    public CredentialsImportPart? Saml { get; init; }

    /// <summary>A TOTP secret: <c>{"config":{"totp_url":"otpauth://…"}}</c>.</summary>
    public CredentialsImportPart? Totp { get; init; }

    /// <summary>Lookup codes: <c>{"config":{"codes":[{code, used_at?}]}}</c>.</summary>
    public CredentialsImportPart? LookupSecret { get; init; }

    /// <summary>WebAuthn keys: <c>{"config":{"credentials":[…], "user_handle"}}</c>.</summary>
    public CredentialsImportPart? Webauthn { get; init; }

    /// <summary>Passkeys: <c>{"config":{"credentials":[…], "user_handle"}}</c>.</summary>
    public CredentialsImportPart? Passkey { get; init; }

    /// <summary>Whether no part is set.</summary>
    [JsonIgnore]
    public bool IsEmpty => Password is null && Oidc is null && Saml is null && Totp is null && LookupSecret is null
                           && Webauthn is null && Passkey is null;

    /// <summary>Never prints the parts: they hold passwords and secrets.</summary>
    public override string ToString() => "IdentityCredentialsImport { … }";
}
