using Microsoft.Extensions.Configuration;

namespace Ory.Identity;

/// <summary><c>selfservice.flows.error</c>: the page browsers are sent to when a flow fails.</summary>
public sealed class ErrorFlowOptions
{
    /// <summary>Kratos's default error UI.</summary>
    public const string DefaultUiUrl = "https://www.ory.com/kratos/docs/fallback/error";

    /// <summary><c>ui_url</c>: the error UI; it receives <c>?id=&lt;error id&gt;</c>.</summary>
    [ConfigurationKeyName("ui_url")]
    public string UiUrl { get; set; } = DefaultUiUrl;
}
