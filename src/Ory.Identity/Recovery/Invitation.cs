using System.Text.Json.Serialization;
using NodaTime;

namespace Ory.Identity;

/// <summary>An invitation sent by <see cref="IInvitationSender"/>: the recovery link it carries and the message's id.</summary>
public sealed partial record Invitation
{
    /// <summary>The identity invited.</summary>
    [JsonPropertyName("identity_id")]
    public required Guid IdentityId { get; init; }

    /// <summary>The recovery link sent (a secret, as <see cref="RecoveryLink.Link"/>).</summary>
    [JsonPropertyName("recovery_link")]
    public required string RecoveryLink { get; init; }

    /// <summary>When the link expires.</summary>
    [JsonPropertyName("expires_at")]
    public required Instant ExpiresAt { get; init; }

    /// <summary>The id of the message handed to <see cref="IRecoveryMessageSender"/> (<see cref="RecoveryMessage.Id"/>).</summary>
    [JsonPropertyName("message_id")]
    public required Guid MessageId { get; init; }

    /// <summary>Never prints the link: it carries the token.</summary>
    public override string ToString() => $"Invitation {{ IdentityId = {IdentityId}, MessageId = {MessageId}, ExpiresAt = {ExpiresAt} }}";
}
