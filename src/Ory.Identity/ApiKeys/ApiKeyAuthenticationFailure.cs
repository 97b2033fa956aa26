namespace Ory.Identity;

/// <summary>Why a presented API key was refused. Tell clients only "unauthorized"; this is for logs and metrics.</summary>
public enum ApiKeyAuthenticationFailure
{
    /// <summary>Empty, or not an API key of this format (wrong prefix, length or characters, or a checksum mismatch: a typo or a truncated key).</summary>
    Malformed,

    /// <summary>Well-formed, but no identity holds a key with this id (never issued here, deleted, or from another deployment).</summary>
    Unknown,

    /// <summary>The key id exists but the secret does not match (a forged key, or a key hashed with a secret no longer configured).</summary>
    InvalidSecret,

    /// <summary>The key was revoked.</summary>
    Revoked,

    /// <summary>The key expired.</summary>
    Expired,

    /// <summary>The key is fine but its identity is inactive.</summary>
    IdentityInactive,

    /// <summary>The key is fine but its identity's schema is no longer a machine schema.</summary>
    NotMachine,
}
