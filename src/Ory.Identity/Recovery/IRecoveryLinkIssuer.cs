using NodaTime;

namespace Ory.Identity;

/// <summary>
/// Issues account-recovery links and codes for an identity, as Kratos's <c>POST /admin/recovery/link</c> and
/// <c>POST /admin/recovery/code</c> do: the "invite a user" flow. Works for identities without any recovery address.
/// Tokens and codes are single-use, expire, and are stored only as keyed hashes.
/// </summary>
public interface IRecoveryLinkIssuer
{
    /// <summary>
    /// Issues a recovery link <c>&lt;base&gt;/self-service/recovery?flow=&lt;id&gt;&amp;token=&lt;32 characters&gt;</c>.
    /// </summary>
    /// <param name="identityId">The identity to recover.</param>
    /// <param name="expiresIn">How long the link lives; null means <c>selfservice.methods.link.config.lifespan</c>.</param>
    /// <param name="returnTo">Where to send the user afterwards; must be allowed by <c>selfservice.allowed_return_urls</c>.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <exception cref="RecoveryDisabledException"><c>selfservice.methods.link.enabled</c> is false (404).</exception>
    /// <exception cref="InvalidRequestException">The identity does not exist, <paramref name="expiresIn"/> is not positive, or <paramref name="returnTo"/> is not allowed (400).</exception>
    Task<RecoveryLink> CreateRecoveryLinkAsync(Guid identityId, Duration? expiresIn = null, Uri? returnTo = null, CancellationToken cancellationToken = default);

    /// <summary>Issues a 6-digit recovery code and the link to the recovery UI where it is entered.</summary>
    /// <param name="identityId">The identity to recover.</param>
    /// <param name="expiresIn">How long the code lives; null means <c>selfservice.methods.code.config.lifespan</c>.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <exception cref="RecoveryDisabledException"><c>selfservice.methods.code.enabled</c> is false (404).</exception>
    /// <exception cref="InvalidRequestException"><paramref name="expiresIn"/> is not positive (400).</exception>
    /// <exception cref="IdentityNotFoundException">The identity does not exist (404).</exception>
    Task<RecoveryCode> CreateRecoveryCodeAsync(Guid identityId, Duration? expiresIn = null, CancellationToken cancellationToken = default);

    /// <summary>Issues a recovery code on a flow of the given type (Kratos's <c>flow_type</c>).</summary>
    /// <param name="identityId">The identity to recover.</param>
    /// <param name="expiresIn">How long the code lives; null means the configured lifespan.</param>
    /// <param name="flowType">Browser (default in Kratos) or API.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    Task<RecoveryCode> CreateRecoveryCodeAsync(Guid identityId, Duration? expiresIn, SelfServiceFlowType flowType, CancellationToken cancellationToken = default);
}
