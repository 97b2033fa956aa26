namespace Ory.Identity;

/// <summary>
/// A 403 <c>session_refresh_required</c>: the session signed in longer ago than
/// <c>selfservice.flows.settings.privileged_session_max_age</c>, so it may not change the password or an identifier
/// until it signs in again (Kratos's selfservice/flow/settings/error.go). <see cref="RedirectBrowserTo"/> is the
/// refresh login that leads back to the settings flow.
/// </summary>
public sealed class SessionRefreshRequiredException : OryIdentityException
{
    private const string Reason = "The login session is too old and thus not allowed to update these fields. Please re-authenticate.";

    /// <summary>Creates the exception.</summary>
    /// <param name="redirectBrowserTo">The refresh login URL (Kratos's top-level <c>redirect_browser_to</c>).</param>
    public SessionRefreshRequiredException(string redirectBrowserTo)
        : base(CreateError(403, OryErrorTexts.Forbidden, Reason, "session_refresh_required"), Reason)
    {
        RedirectBrowserTo = redirectBrowserTo ?? throw new ArgumentNullException(nameof(redirectBrowserTo));
    }

    /// <summary><c>&lt;public&gt;/self-service/login/browser?refresh=true&amp;return_to=&lt;the settings flow's submit URL&gt;</c>.</summary>
    public string RedirectBrowserTo { get; }
}
