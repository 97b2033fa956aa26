using System.Text.Json;

namespace Ory.Identity;

/// <summary>
/// The settings flow in process (Kratos's selfservice/flow/settings with the password and profile strategies): a
/// signed-in identity sets a new password or changes its traits. Changing the password or an identifier needs a
/// privileged session, one that signed in (or recovered) less than <c>selfservice.flows.settings.privileged_session_max_age</c>
/// ago. New passwords pass <see cref="IPasswordPolicy"/>. Every refusal leaves the identity unchanged.
/// </summary>
public interface ISelfServiceSettings
{
    /// <summary>Starts a settings flow (state <c>show_form</c>) for the session's identity.</summary>
    /// <param name="session">The signed-in session.</param>
    /// <param name="type">API (JSON clients) or browser.</param>
    /// <param name="returnTo">Where to send the user afterwards; must be allowed by <c>selfservice.allowed_return_urls</c>.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <exception cref="SessionInactiveException">The session is not active (401).</exception>
    /// <exception cref="InvalidRequestException"><paramref name="returnTo"/> is not allowed (400).</exception>
    Task<SettingsFlow> CreateFlowAsync(Session session, SelfServiceFlowType type = SelfServiceFlowType.Api, Uri? returnTo = null, CancellationToken cancellationToken = default);

    /// <summary>Reads a settings flow of the session's identity.</summary>
    /// <exception cref="SessionInactiveException">The session is not active (401).</exception>
    /// <exception cref="SelfServiceFlowNotFoundException">No settings flow has this id (404).</exception>
    /// <exception cref="SecurityIdentityMismatchException">The flow belongs to another identity (403).</exception>
    /// <exception cref="SelfServiceFlowExpiredException">The flow expired (410).</exception>
    Task<SettingsFlow> GetFlowAsync(Guid flowId, Session session, CancellationToken cancellationToken = default);

    /// <summary>
    /// Submits a settings update: the <c>password</c> or <c>profile</c> strategy, as <see cref="SettingsFlowUpdate.Method"/>
    /// names. Returns the flow in state <c>success</c> with message 1050001.
    /// </summary>
    /// <exception cref="SessionInactiveException">The session is not active (401).</exception>
    /// <exception cref="SelfServiceFlowNotFoundException">No settings flow has this id (404).</exception>
    /// <exception cref="SecurityIdentityMismatchException">The flow belongs to another identity (403).</exception>
    /// <exception cref="SelfServiceFlowExpiredException">The flow expired; a new one was started (410, <c>use_flow_id</c>).</exception>
    /// <exception cref="SessionRefreshRequiredException">The change needs a privileged session (403).</exception>
    /// <exception cref="SettingsFlowValidationException">The update was refused; the flow carries the messages (400).</exception>
    Task<SettingsFlow> UpdateFlowAsync(Guid flowId, Session session, SettingsFlowUpdate update, CancellationToken cancellationToken = default);

    /// <summary>Sets a new password (the <c>password</c> strategy); see <see cref="UpdateFlowAsync"/>.</summary>
    /// <param name="flowId">The settings flow.</param>
    /// <param name="session">The signed-in, privileged session.</param>
    /// <param name="password">The new password; null or empty is refused (4000002, 4000003).</param>
    /// <param name="transientPayload">A payload echoed on the returned flow.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    Task<SettingsFlow> UpdatePasswordAsync(Guid flowId, Session session, string? password, JsonElement? transientPayload = null, CancellationToken cancellationToken = default);

    /// <summary>Replaces the identity's traits (the <c>profile</c> strategy); see <see cref="UpdateFlowAsync"/>.</summary>
    /// <param name="flowId">The settings flow.</param>
    /// <param name="session">The signed-in session; privileged when an identifier or address changes.</param>
    /// <param name="traits">The complete new traits, validated against the identity's schema.</param>
    /// <param name="transientPayload">A payload echoed on the returned flow.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    Task<SettingsFlow> UpdateProfileAsync(Guid flowId, Session session, JsonElement? traits, JsonElement? transientPayload = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Sets a new password without a UI: starts an API settings flow and submits the password to it, for hosts with
    /// their own pages (for example right after a recovery, whose session is privileged).
    /// </summary>
    /// <param name="session">The signed-in, privileged session.</param>
    /// <param name="password">The new password.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    Task<SettingsFlow> SetPasswordAsync(Session session, string password, CancellationToken cancellationToken = default);
}
