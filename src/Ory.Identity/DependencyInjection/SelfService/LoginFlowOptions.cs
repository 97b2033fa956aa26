using Microsoft.Extensions.Configuration;

namespace Ory.Identity;

/// <summary><c>selfservice.flows.login</c>: the login flow.</summary>
public sealed class LoginFlowOptions
{
    /// <summary>Kratos's default login UI.</summary>
    public const string DefaultUiUrl = "https://www.ory.com/kratos/docs/fallback/login";

    /// <summary><c>ui_url</c>: the login UI; it receives <c>?flow=&lt;id&gt;</c>.</summary>
    [ConfigurationKeyName("ui_url")]
    public string UiUrl { get; set; } = DefaultUiUrl;

    /// <summary><c>lifespan</c>: how long a login flow lives (Go duration). Default <c>1h</c>.</summary>
    [ConfigurationKeyName("lifespan")]
    public string Lifespan { get; set; } = "1h";

    /// <summary><c>after</c>: where browsers go after a successful login.</summary>
    [ConfigurationKeyName("after")]
    public LoginFlowAfterOptions After { get; set; } = new();
}
