using NodaTime;

namespace Ory.Identity;

/// <summary>One key as stored in the <c>api_key</c> credential's config: metadata and the keyed hash, never the secret.</summary>
internal sealed record ApiKeyRecord
{
    public required string Id { get; init; }

    public required string Name { get; init; }

    /// <summary>Lower-case hex of the HMAC-SHA256 of the key id and secret (<see cref="ApiKeyHasher"/>).</summary>
    public required string Hash { get; init; }

    public required Instant CreatedAt { get; init; }

    public Instant? ExpiresAt { get; init; }

    public Instant? RevokedAt { get; init; }

    public Instant? LastUsedAt { get; init; }

    public ApiKeyState StateAt(Instant now) =>
        RevokedAt is not null ? ApiKeyState.Revoked
        : ExpiresAt <= now ? ApiKeyState.Expired
        : ApiKeyState.Active;

    public ApiKey ToApiKey(Guid identityId, Instant now, Instant? lastUsedAt = null) => new()
    {
        Id = Id,
        IdentityId = identityId,
        Name = Name,
        State = StateAt(now),
        CreatedAt = CreatedAt,
        ExpiresAt = ExpiresAt,
        RevokedAt = RevokedAt,
        LastUsedAt = Later(LastUsedAt, lastUsedAt),
    };

    public static Instant? Later(Instant? a, Instant? b) => a is null ? b : b is null ? a : Instant.Max(a.Value, b.Value);

    /// <summary>Never prints the hash.</summary>
    public override string ToString() => $"ApiKeyRecord {{ Id = {Id} }}";
}
