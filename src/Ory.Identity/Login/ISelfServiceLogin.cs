using System.Text.Json;

namespace Ory.Identity;

/// <summary>
/// The login flow with the password method in process (Kratos's selfservice/flow/login and strategy/password/login.go).
/// An unknown identifier, a wrong password and an identity without a password get the same answer (4000006) after the
/// same work, so a caller cannot tell which it was.
/// </summary>
public interface ISelfServiceLogin
{
    /// <summary>Starts a login flow (state <c>choose_method</c>).</summary>
    /// <param name="type">API (JSON clients) or browser.</param>
    /// <param name="refresh">Re-authenticate <paramref name="current"/>; ignored without a session, as in Kratos.</param>
    /// <param name="returnTo">Where to send the user afterwards; must be allowed by <c>selfservice.allowed_return_urls</c>.</param>
    /// <param name="current">The caller's active session, if any.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <exception cref="SessionAlreadyAvailableException">A session exists and <paramref name="refresh"/> is false (400).</exception>
    /// <exception cref="InvalidRequestException"><paramref name="returnTo"/> is not allowed (400).</exception>
    Task<LoginFlow> CreateFlowAsync(
        SelfServiceFlowType type = SelfServiceFlowType.Api, bool refresh = false, Uri? returnTo = null, Session? current = null, CancellationToken cancellationToken = default);

    /// <summary>Reads a login flow.</summary>
    /// <exception cref="SelfServiceFlowNotFoundException">No login flow has this id (404).</exception>
    /// <exception cref="SelfServiceFlowExpiredException">The flow expired (410).</exception>
    Task<LoginFlow> GetFlowAsync(Guid flowId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Submits credentials. On success a new session is issued (or, on a refresh flow, <paramref name="current"/> is
    /// re-authenticated), a legacy hash is upgraded, and the flow moves to <c>passed_challenge</c>.
    /// </summary>
    /// <param name="flowId">The login flow.</param>
    /// <param name="submission">The method and credentials.</param>
    /// <param name="current">The caller's active session, if any.</param>
    /// <param name="device">Where the caller is, recorded on a new session.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <exception cref="SelfServiceFlowNotFoundException">No login flow has this id (404).</exception>
    /// <exception cref="SelfServiceFlowExpiredException">The flow expired; a new one was started (410, <c>use_flow_id</c>).</exception>
    /// <exception cref="SessionAlreadyAvailableException">A session exists and the flow is not a refresh (400).</exception>
    /// <exception cref="LoginFlowValidationException">Refused: 4000006, 4010011, 4000002, 4000003 or 4010002 (400).</exception>
    Task<LoginResult> SubmitAsync(
        Guid flowId, LoginFlowSubmission submission, Session? current = null, SessionDevice? device = null, CancellationToken cancellationToken = default);

    /// <summary>Submits an identifier and password; see <see cref="SubmitAsync"/>.</summary>
    /// <param name="flowId">The login flow.</param>
    /// <param name="identifier">The identifier (e.g. an email); null or empty is refused (4000002, 4000003).</param>
    /// <param name="password">The password; null or empty is refused (4000002, 4000003).</param>
    /// <param name="current">The caller's active session, if any.</param>
    /// <param name="device">Where the caller is, recorded on a new session.</param>
    /// <param name="transientPayload">A payload echoed on the returned flow.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    Task<LoginResult> SubmitPasswordAsync(
        Guid flowId,
        string? identifier,
        string? password,
        Session? current = null,
        SessionDevice? device = null,
        JsonElement? transientPayload = null,
        CancellationToken cancellationToken = default);
}
