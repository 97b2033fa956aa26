using Microsoft.Extensions.Configuration;

namespace Ory.Identity;

/// <summary><c>selfservice.flows.settings</c>: the settings flow (set a password, change traits).</summary>
public sealed class SettingsFlowOptions
{
    /// <summary>Kratos's default settings UI.</summary>
    public const string DefaultUiUrl = "https://www.ory.com/kratos/docs/fallback/settings";

    /// <summary><c>ui_url</c>: the settings UI; it receives <c>?flow=&lt;id&gt;</c>.</summary>
    [ConfigurationKeyName("ui_url")]
    public string UiUrl { get; set; } = DefaultUiUrl;

    /// <summary><c>lifespan</c>: how long a settings flow lives (Go duration). Default <c>1h</c>.</summary>
    [ConfigurationKeyName("lifespan")]
    public string Lifespan { get; set; } = "1h";

    /// <summary>
    /// <c>privileged_session_max_age</c>: how long after signing in (or recovering) a session may change the password
    /// or an identifier without signing in again (Go duration). Default <c>1h</c>.
    /// </summary>
    [ConfigurationKeyName("privileged_session_max_age")]
    public string PrivilegedSessionMaxAge { get; set; } = "1h";

    /// <summary><c>required_aal</c>: <c>highest_available</c> (default) or <c>aal1</c>.</summary>
    [ConfigurationKeyName("required_aal")]
    public string RequiredAal { get; set; } = "highest_available";

    /// <summary><c>after</c>: where browsers go after a successful update.</summary>
    [ConfigurationKeyName("after")]
    public SettingsFlowAfterOptions After { get; set; } = new();
}
