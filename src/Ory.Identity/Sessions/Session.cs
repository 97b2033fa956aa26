using System.Text.Json.Serialization;
using NodaTime;

namespace Ory.Identity;

/// <summary>
/// A session as Kratos's API shows it (Kratos's session/session.go): who signed in, how, and until when. Holds no token;
/// the token is handed out once, in <see cref="IssuedSession"/>.
/// </summary>
public sealed partial record Session
{
    /// <summary>The session id.</summary>
    [JsonPropertyName("id")]
    public required Guid Id { get; init; }

    /// <summary>
    /// Whether the session is usable now: not revoked, not expired, and (when <see cref="Identity"/> is loaded) its
    /// identity is active. Computed when the session is read.
    /// </summary>
    [JsonPropertyName("active")]
    public required bool Active { get; init; }

    /// <summary>When the session expires: <see cref="AuthenticatedAt"/> plus <c>session.lifespan</c>, unless extended.</summary>
    [JsonPropertyName("expires_at")]
    public required Instant ExpiresAt { get; init; }

    /// <summary>The last (re-)authentication; drives the privileged window of the settings flow.</summary>
    [JsonPropertyName("authenticated_at")]
    public required Instant AuthenticatedAt { get; init; }

    /// <summary>The assurance level the authentication methods reached.</summary>
    [JsonPropertyName("authenticator_assurance_level")]
    public required AuthenticatorAssuranceLevel AuthenticatorAssuranceLevel { get; init; }

    /// <summary>How the identity authenticated, oldest first (Kratos's AMR).</summary>
    [JsonPropertyName("authentication_methods")]
    public required IReadOnlyList<SessionAuthenticationMethod> AuthenticationMethods { get; init; }

    /// <summary>When the session was issued.</summary>
    [JsonPropertyName("issued_at")]
    public required Instant IssuedAt { get; init; }

    /// <summary>The identity (public view, or admin view on admin endpoints); null when not loaded.</summary>
    [JsonPropertyName("identity")]
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public Identity? Identity { get; init; }

    /// <summary>The devices the session was used from; empty when not loaded.</summary>
    [JsonPropertyName("devices")]
    public IReadOnlyList<SessionDevice> Devices { get; init; } = [];

    /// <summary>
    /// The identity's id (not serialized: Kratos shows it only through <see cref="Identity"/>). Set by the session
    /// manager; not <c>required</c>, because System.Text.Json refuses a required property it ignores.
    /// </summary>
    [JsonIgnore]
    public Guid IdentityId { get; init; }

    /// <inheritdoc />
    public override string ToString() => $"Session {{ Id = {Id}, IdentityId = {IdentityId}, Active = {Active} }}";
}
