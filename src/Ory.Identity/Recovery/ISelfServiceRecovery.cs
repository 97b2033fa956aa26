using System.Text.Json;

namespace Ory.Identity;

/// <summary>
/// Self-service account recovery (Kratos's recovery flow): a user who lost access, or whose invite link expired, enters
/// a recovery address and receives a new link or code through <see cref="IRecoveryMessageSender"/>. Needs
/// <c>selfservice.flows.recovery.enabled</c>. An unknown address gets the same answer as a known one.
/// </summary>
public interface ISelfServiceRecovery
{
    /// <summary>Starts a flow (state <c>choose_method</c>, method <c>selfservice.flows.recovery.use</c>).</summary>
    /// <param name="type">API (JSON clients) or browser.</param>
    /// <param name="returnTo">Where to send the user afterwards; must be allowed by <c>selfservice.allowed_return_urls</c>.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <exception cref="RecoveryDisabledException">Self-service recovery is disabled (400).</exception>
    Task<RecoveryFlow> CreateFlowAsync(SelfServiceFlowType type = SelfServiceFlowType.Api, Uri? returnTo = null, CancellationToken cancellationToken = default);

    /// <summary>Reads a flow.</summary>
    /// <exception cref="RecoveryDisabledException">Self-service recovery is disabled (400).</exception>
    /// <exception cref="RecoveryFlowNotFoundException">No such flow (404).</exception>
    /// <exception cref="RecoveryFlowExpiredException">The flow expired (410).</exception>
    Task<RecoveryFlow> GetFlowAsync(Guid flowId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Submits a recovery address (or asks for another code): when an identity has it as a recovery address, a new
    /// link or code is sent to the stored address; otherwise nothing is stored, and a "not registered" message is sent
    /// only if <c>notify_unknown_recipients</c> is on. Either way the flow moves to <c>sent_email</c> and looks the same.
    /// </summary>
    /// <param name="flowId">The flow.</param>
    /// <param name="email">The address the user typed.</param>
    /// <param name="method">Link or code; null keeps the flow's method.</param>
    /// <param name="transientPayload">Data to echo back in the flow (not stored).</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <exception cref="RecoveryFlowValidationException">The address is missing or not an email (400; the flow carries the message).</exception>
    /// <exception cref="RecoveryDisabledException">The chosen method is disabled (404).</exception>
    Task<RecoveryFlow> SubmitAddressAsync(Guid flowId, string? email, RecoveryMethod? method = null, JsonElement? transientPayload = null, CancellationToken cancellationToken = default);

    /// <summary>Submits a code received through <see cref="SubmitAddressAsync"/> (same as <see cref="IRecoveryRedeemer.RedeemCodeAsync"/>).</summary>
    /// <param name="flowId">The flow.</param>
    /// <param name="code">The code. A secret.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    Task<RecoveryRedemption> SubmitCodeAsync(Guid flowId, string code, CancellationToken cancellationToken = default);
}
