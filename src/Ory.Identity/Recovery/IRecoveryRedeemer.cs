namespace Ory.Identity;

/// <summary>
/// Redeems recovery links and codes (what the user does with what <see cref="IRecoveryLinkIssuer"/> or a self-service
/// flow sent): each token or code works once, only through its own flow, only before it and its flow expire, and only
/// for an active identity. A self-service secret also verifies the address it was sent to.
/// </summary>
public interface IRecoveryRedeemer
{
    /// <summary>Redeems the token of a recovery link (<c>?flow=&lt;flowId&gt;&amp;token=&lt;token&gt;</c>).</summary>
    /// <param name="flowId">The flow id from the link.</param>
    /// <param name="token">The token from the link. A secret.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <exception cref="RecoveryFlowNotFoundException">No such flow (404).</exception>
    /// <exception cref="RecoveryFlowExpiredException">The flow or the token expired (410).</exception>
    /// <exception cref="RecoveryTokenInvalidException">Wrong token, another flow's, or already used (400, 4060004).</exception>
    /// <exception cref="IdentityDisabledException">The identity is inactive (400); the token stays unused.</exception>
    Task<RecoveryRedemption> RedeemLinkAsync(Guid flowId, string token, CancellationToken cancellationToken = default);

    /// <summary>Redeems a 6-digit recovery code. Every call counts against <c>max_submissions</c>.</summary>
    /// <param name="flowId">The flow id.</param>
    /// <param name="code">The code. A secret.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <exception cref="RecoveryFlowNotFoundException">No such flow (404).</exception>
    /// <exception cref="RecoveryFlowExpiredException">The flow expired (410).</exception>
    /// <exception cref="RecoverySubmissionsExceededException">Too many codes were submitted to the flow (400).</exception>
    /// <exception cref="RecoveryTokenInvalidException">Wrong, expired or used code (400, 4060006).</exception>
    /// <exception cref="IdentityDisabledException">The identity is inactive (400); the code stays unused.</exception>
    Task<RecoveryRedemption> RedeemCodeAsync(Guid flowId, string code, CancellationToken cancellationToken = default);
}
