namespace Ory.Identity.QuickStart.SelfServiceUi;

/// <summary>Where the self-service pages find the public API (this QuickStart's, or a Kratos server's).</summary>
internal sealed class SelfServiceUiOptions
{
    /// <summary>The configuration key that overrides the public API's URL.</summary>
    public const string PublicUrlKey = "SelfServiceUi:PublicUrl";

    /// <summary>
    /// The public API's base URL without a trailing slash: <c>SelfServiceUi:PublicUrl</c>, else
    /// <c>Ory:serve:public:base_url</c>, else <c>http://127.0.0.1:4433</c>.
    /// </summary>
    public required string PublicUrl { get; init; }

    /// <summary>Reads the options from the QuickStart's configuration.</summary>
    public static SelfServiceUiOptions From(IConfiguration configuration)
    {
        var url = configuration[PublicUrlKey] ?? configuration["Ory:serve:public:base_url"] ?? "http://127.0.0.1:4433/";
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            throw new InvalidOperationException($"{PublicUrlKey} must be an absolute http(s) URL.");
        }

        return new SelfServiceUiOptions { PublicUrl = url.TrimEnd('/') };
    }
}
