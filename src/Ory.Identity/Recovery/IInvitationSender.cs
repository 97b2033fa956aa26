using NodaTime;

namespace Ory.Identity;

/// <summary>
/// Invites a person by message: issues a recovery link for the identity (as <see cref="IRecoveryLinkIssuer"/> does) and
/// delivers it to the identity's recovery address through <see cref="IRecoveryMessageSender"/> with the <c>invite</c>
/// template. Ory.Identity's own (Kratos's admin API returns links but never sends them; ory/kratos#595).
/// </summary>
public interface IInvitationSender
{
    /// <summary>Issues a recovery link and hands one <see cref="RecoveryTemplateType.Invite"/> message to the sender.</summary>
    /// <param name="identityId">The identity to invite: a person with a recovery address.</param>
    /// <param name="expiresIn">How long the link lives; null means <c>selfservice.methods.link.config.lifespan</c>.</param>
    /// <param name="returnTo">Where to send the person afterwards; must be allowed by <c>selfservice.allowed_return_urls</c>.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The link, its expiry and the id of the message handed to the sender.</returns>
    /// <exception cref="RecoveryDisabledException">Recovery or its link method is disabled.</exception>
    /// <exception cref="IdentityNotFoundException">The identity does not exist.</exception>
    /// <exception cref="InvalidRequestException">The identity is a machine (<see cref="MachineIdentityException"/>) or has no email recovery address (<see cref="InvitationRefusedException"/>), <paramref name="expiresIn"/> is not positive, or <paramref name="returnTo"/> is not allowed (400).</exception>
    /// <exception cref="RecoveryRateLimitedException">The recovery address reached <c>selfservice.flows.recovery.rate_limit</c> (429); nothing was sent.</exception>
    Task<Invitation> SendInvitationAsync(Guid identityId, Duration? expiresIn = null, Uri? returnTo = null, CancellationToken cancellationToken = default);
}
