using NodaTime;

namespace Ory.Identity.Storage;

/// <summary>
/// A session as stored. Holds the keyed hash of its token, never the token. Whether it is usable is computed by the
/// session manager from <see cref="Active"/>, <see cref="ExpiresAt"/> and the identity's state.
/// </summary>
public sealed record SessionRecord
{
    /// <summary>The session id.</summary>
    public required Guid Id { get; init; }

    /// <summary>The identity the session belongs to.</summary>
    public required Guid IdentityId { get; init; }

    /// <summary>The keyed hash of the session token (first configured secret).</summary>
    public required string TokenHash { get; init; }

    /// <summary>False once revoked; a revoked session stays stored.</summary>
    public required bool Active { get; init; }

    /// <summary>When the session expires.</summary>
    public required Instant ExpiresAt { get; init; }

    /// <summary>The last (re-)authentication.</summary>
    public required Instant AuthenticatedAt { get; init; }

    /// <summary>When the session was issued.</summary>
    public required Instant IssuedAt { get; init; }

    /// <summary>When the row was inserted; the admin list is ordered by it (newest first), then by id.</summary>
    public required Instant CreatedAt { get; init; }

    /// <summary>The assurance level.</summary>
    public required AuthenticatorAssuranceLevel AuthenticatorAssuranceLevel { get; init; }

    /// <summary>The authentication methods, oldest first.</summary>
    public required IReadOnlyList<SessionAuthenticationMethod> AuthenticationMethods { get; init; }

    /// <summary>The devices.</summary>
    public required IReadOnlyList<SessionDevice> Devices { get; init; }

    /// <summary>Never prints the token hash.</summary>
    public override string ToString() => $"SessionRecord {{ Id = {Id}, IdentityId = {IdentityId}, Active = {Active} }}";
}
