using NodaTime;

namespace Ory.Identity;

/// <summary>What is known about an API key, without its secret (the JSON of <c>GET /admin/identities/{id}/api-keys</c>).</summary>
public sealed partial record ApiKey
{
    /// <summary>What every API key starts with (<c>ory_ak_</c>): secret scanners and authentication handlers look for it.</summary>
    public const string KeyPrefix = "ory_ak_";

    /// <summary>The key id: 16 characters of lower-case base32, also the part of the key after <c>ory_ak_</c>.</summary>
    public required string Id { get; init; }

    /// <summary>The identity the key belongs to.</summary>
    public required Guid IdentityId { get; init; }

    /// <summary>What the key is for, as given when it was issued.</summary>
    public required string Name { get; init; }

    /// <summary>Active, expired or revoked, as of when this was read.</summary>
    public required ApiKeyState State { get; init; }

    /// <summary>When the key was issued.</summary>
    public required Instant CreatedAt { get; init; }

    /// <summary>When the key stops working; null when it does not expire.</summary>
    public Instant? ExpiresAt { get; init; }

    /// <summary>When the key was revoked; null while it is not.</summary>
    public Instant? RevokedAt { get; init; }

    /// <summary>
    /// When the key last authenticated, to within <c>api_keys.last_used_at_interval</c> (uses are written to the store in
    /// batches, not per request); null when never.
    /// </summary>
    public Instant? LastUsedAt { get; init; }
}
