using Microsoft.AspNetCore.Http;

namespace Ory.Identity.AspNetCore;

/// <summary>Options of the HTTP endpoints (<c>services.AddOryIdentityHttp(o =&gt; …)</c>).</summary>
public sealed class OryIdentityHttpOptions
{
    /// <summary>The default request body limit: 1 MiB.</summary>
    public const long DefaultMaxRequestBodySize = 1024 * 1024;

    /// <summary>
    /// The largest request body accepted, in bytes (default 1 MiB). Larger bodies are refused with 413 and a
    /// Kratos-shaped error body before they are parsed.
    /// </summary>
    public long MaxRequestBodySize { get; set; } = DefaultMaxRequestBodySize;

    /// <summary>
    /// Where a browser goes after redeeming a recovery link or code (Kratos's settings UI,
    /// <c>selfservice.flows.settings.ui_url</c>): the answer is a 303 to <c>&lt;SettingsUiUrl&gt;?flow=&lt;recovery flow id&gt;</c>.
    /// Null (the default) redirects to <c>selfservice.flows.recovery.ui_url</c> instead. Ory.Identity has no sessions:
    /// use <see cref="OnRecovered"/> to sign the user in before the redirect.
    /// </summary>
    public string? SettingsUiUrl { get; set; }

    /// <summary>
    /// Called after a recovery link or code was redeemed successfully, before the redirect or JSON answer: the place to
    /// sign the recovered identity in (for example with a cookie) so the settings page can let it set a new password.
    /// When the callback starts the response itself, the endpoint writes nothing more.
    /// </summary>
    public Func<HttpContext, RecoveryRedemption, Task>? OnRecovered { get; set; }
}
