using NodaTime;

namespace Ory.Identity;

/// <summary>
/// The settings, login, logout and error flow configuration parsed once from <see cref="OryIdentityOptions"/>
/// (Kratos's driver/config/config.go). <see cref="TryCreate"/> also reports every invalid value, which options
/// validation turns into a start failure.
/// </summary>
internal sealed class SelfServiceFlowSettings
{
    private SelfServiceFlowSettings()
    {
    }

    /// <summary><c>serve.public.base_url</c> without a trailing slash.</summary>
    public string PublicBaseUrl { get; private init; } = string.Empty;

    public string? DefaultBrowserReturnUrl { get; private init; }

    public string SettingsUiUrl { get; private init; } = SettingsFlowOptions.DefaultUiUrl;
    public Duration SettingsLifespan { get; private init; }
    public Duration PrivilegedSessionMaxAge { get; private init; }
    public string SettingsRequiredAal { get; private init; } = "highest_available";
    public string? SettingsAfterUrl { get; private init; }
    public string? SettingsAfterPasswordUrl { get; private init; }
    public string? SettingsAfterProfileUrl { get; private init; }

    public string LoginUiUrl { get; private init; } = LoginFlowOptions.DefaultUiUrl;
    public Duration LoginLifespan { get; private init; }
    public string? LoginAfterUrl { get; private init; }
    public string? LoginAfterPasswordUrl { get; private init; }

    public string? LogoutAfterUrl { get; private init; }
    public string ErrorUiUrl { get; private init; } = ErrorFlowOptions.DefaultUiUrl;

    public static SelfServiceFlowSettings Create(OryIdentityOptions options) =>
        TryCreate(options, out var settings, out var errors)
            ? settings
            : throw new InvalidOperationException(string.Join(" ", errors));

    public static bool TryCreate(OryIdentityOptions options, out SelfServiceFlowSettings settings, out List<string> errors)
    {
        var found = new List<string>();
        errors = found;
        var selfService = options.SelfService;
        var flows = selfService.Flows;

        if (flows.Settings.RequiredAal is not ("highest_available" or "aal1"))
        {
            found.Add($"selfservice.flows.settings.required_aal must be \"highest_available\" or \"aal1\", got \"{flows.Settings.RequiredAal}\".");
        }

        settings = new SelfServiceFlowSettings
        {
            PublicBaseUrl = options.Serve.Public.BaseUrl.TrimEnd('/'),
            DefaultBrowserReturnUrl = OptionalUrl(selfService.DefaultBrowserReturnUrl, "selfservice.default_browser_return_url"),
            SettingsUiUrl = RequiredUrl(flows.Settings.UiUrl, "selfservice.flows.settings.ui_url"),
            SettingsLifespan = Positive(flows.Settings.Lifespan, "selfservice.flows.settings.lifespan"),
            PrivilegedSessionMaxAge = NotNegative(flows.Settings.PrivilegedSessionMaxAge, "selfservice.flows.settings.privileged_session_max_age"),
            SettingsRequiredAal = flows.Settings.RequiredAal,
            SettingsAfterUrl = OptionalUrl(flows.Settings.After.DefaultBrowserReturnUrl, "selfservice.flows.settings.after.default_browser_return_url"),
            SettingsAfterPasswordUrl = OptionalUrl(flows.Settings.After.Password.DefaultBrowserReturnUrl, "selfservice.flows.settings.after.password.default_browser_return_url"),
            SettingsAfterProfileUrl = OptionalUrl(flows.Settings.After.Profile.DefaultBrowserReturnUrl, "selfservice.flows.settings.after.profile.default_browser_return_url"),
            LoginUiUrl = RequiredUrl(flows.Login.UiUrl, "selfservice.flows.login.ui_url"),
            LoginLifespan = Positive(flows.Login.Lifespan, "selfservice.flows.login.lifespan"),
            LoginAfterUrl = OptionalUrl(flows.Login.After.DefaultBrowserReturnUrl, "selfservice.flows.login.after.default_browser_return_url"),
            LoginAfterPasswordUrl = OptionalUrl(flows.Login.After.Password.DefaultBrowserReturnUrl, "selfservice.flows.login.after.password.default_browser_return_url"),
            LogoutAfterUrl = OptionalUrl(flows.Logout.After.DefaultBrowserReturnUrl, "selfservice.flows.logout.after.default_browser_return_url"),
            ErrorUiUrl = RequiredUrl(flows.Error.UiUrl, "selfservice.flows.error.ui_url"),
        };
        return found.Count == 0;

        Duration Positive(string? text, string key) =>
            GoDuration.TryParse(text, out var duration) && duration > Duration.Zero
                ? duration
                : Invalid($"{key} must be a positive Go duration such as \"1h\" or \"30m\", got \"{text}\".");

        Duration NotNegative(string? text, string key) =>
            GoDuration.TryParse(text, out var duration) && duration >= Duration.Zero
                ? duration
                : Invalid($"{key} must be a Go duration such as \"1h\", \"15m\" or \"0s\", got \"{text}\".");

        Duration Invalid(string error)
        {
            found.Add(error);
            return Duration.FromHours(1);
        }

        string RequiredUrl(string? text, string key) => OptionalUrl(text ?? string.Empty, key) ?? string.Empty;

        string? OptionalUrl(string? text, string key)
        {
            if (text is null)
            {
                return null;
            }

            if (Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps))
            {
                return text;
            }

            found.Add($"{key} must be an absolute http or https URL, got \"{text}\".");
            return null;
        }
    }

    /// <summary>Where browsers go after a settings update by <paramref name="method"/> when the flow has no <c>return_to</c>.</summary>
    public string SettingsReturnUrl(string method, Guid flowId) =>
        (method == "password" ? SettingsAfterPasswordUrl : SettingsAfterProfileUrl)
        ?? SettingsAfterUrl
        ?? $"{SettingsUiUrl}?flow={flowId}";

    /// <summary>Where browsers go after a password login when the flow has no <c>return_to</c>; null when nothing is configured.</summary>
    public string? LoginReturnUrl => LoginAfterPasswordUrl ?? LoginAfterUrl ?? DefaultBrowserReturnUrl;

    /// <summary>Where browsers go after logging out; null when nothing is configured.</summary>
    public string? LogoutReturnUrl => LogoutAfterUrl ?? DefaultBrowserReturnUrl;
}
