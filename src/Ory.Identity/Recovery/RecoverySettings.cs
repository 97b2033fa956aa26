using NodaTime;

namespace Ory.Identity;

/// <summary>
/// The recovery configuration parsed once from <see cref="OryIdentityOptions"/> (durations, URLs, method choice).
/// <see cref="TryCreate"/> also reports every invalid value, which options validation turns into a start failure.
/// </summary>
internal sealed class RecoverySettings
{
    private RecoverySettings()
    {
    }

    public bool LinkEnabled { get; private init; }
    public bool CodeEnabled { get; private init; }
    public Duration LinkLifespan { get; private init; }
    public Duration CodeLifespan { get; private init; }
    public int MaxSubmissions { get; private init; }
    public bool FlowsEnabled { get; private init; }
    public RecoveryMethod Use { get; private init; }
    public Duration FlowLifespan { get; private init; }
    public string UiUrl { get; private init; } = string.Empty;
    public bool NotifyUnknownRecipients { get; private init; }
    public int RateLimitMessages { get; private init; }
    public Duration RateLimitWindow { get; private init; }

    /// <summary>The base of recovery links: <c>link.config.base_url</c>, else <c>serve.public.base_url</c>; no trailing slash.</summary>
    public string LinkBaseUrl { get; private init; } = string.Empty;

    /// <summary><c>serve.public.base_url</c> without a trailing slash.</summary>
    public string PublicBaseUrl { get; private init; } = string.Empty;

    /// <summary><c>serve.admin.base_url</c> without a trailing slash.</summary>
    public string AdminBaseUrl { get; private init; } = string.Empty;

    /// <summary><c>selfservice.allowed_return_urls</c>, parsed.</summary>
    public IReadOnlyList<AllowedReturnUrl> AllowedReturnUrls { get; private init; } = [];

    /// <summary>
    /// Where self-service flows may return to: <see cref="AllowedReturnUrls"/> and <c>&lt;serve.public.base_url&gt;/self-service</c>
    /// (Kratos's x/redir/secure_redirect.go allows the self-service URLs, so a refresh login can return to its settings flow).
    /// </summary>
    public IReadOnlyList<AllowedReturnUrl> FlowReturnUrls { get; private init; } = [];

    public static RecoverySettings Create(OryIdentityOptions options) =>
        TryCreate(options, out var settings, out var errors)
            ? settings
            : throw new InvalidOperationException(string.Join(" ", errors));

    public static bool TryCreate(OryIdentityOptions options, out RecoverySettings settings, out List<string> errors)
    {
        var found = new List<string>();
        errors = found;
        var methods = options.SelfService.Methods;
        var flows = options.SelfService.Flows.Recovery;

        var use = flows.Use switch
        {
            "code" => RecoveryMethod.Code,
            "link" => RecoveryMethod.Link,
            _ => Invalid(RecoveryMethod.Code, $"selfservice.flows.recovery.use must be \"code\" or \"link\", got \"{flows.Use}\"."),
        };

        if (methods.Code.Config.MaxSubmissions is < 1 or > 255)
        {
            found.Add($"selfservice.methods.code.config.max_submissions must be between 1 and 255, got {methods.Code.Config.MaxSubmissions}.");
        }

        if (flows.RateLimit.MaxMessages < 0)
        {
            found.Add($"selfservice.flows.recovery.rate_limit.max_messages must not be negative, got {flows.RateLimit.MaxMessages}.");
        }

        if (flows.Enabled && ((use == RecoveryMethod.Code && !methods.Code.Enabled) || (use == RecoveryMethod.Link && !methods.Link.Enabled)))
        {
            found.Add($"selfservice.flows.recovery.use is \"{flows.Use}\", but selfservice.methods.{flows.Use}.enabled is false: enable the method or use the other one.");
        }

        var publicBase = options.Serve.Public.BaseUrl.TrimEnd('/');
        var linkBase = string.IsNullOrWhiteSpace(methods.Link.Config.BaseUrl) ? publicBase : methods.Link.Config.BaseUrl.TrimEnd('/');
        if (!string.IsNullOrWhiteSpace(methods.Link.Config.BaseUrl))
        {
            CheckUrl(methods.Link.Config.BaseUrl, "selfservice.methods.link.config.base_url");
        }

        CheckUrl(flows.UiUrl, "selfservice.flows.recovery.ui_url");
        var allowed = new List<AllowedReturnUrl>();
        foreach (var url in options.SelfService.AllowedReturnUrls)
        {
            if (AllowedReturnUrl.TryParse(url, out var entry))
            {
                allowed.Add(entry!);
            }
            else
            {
                found.Add($"selfservice.allowed_return_urls must be an absolute http or https URL, got \"{url}\".");
            }
        }

        foreach (var secret in options.Secrets.Cookie.Concat(options.Secrets.Default))
        {
            if (secret is null || secret.Length < SecretsOptions.MinLength)
            {
                found.Add($"Every secret in secrets.default and secrets.cookie must be at least {SecretsOptions.MinLength} characters long.");
                break;
            }
        }

        settings = new RecoverySettings
        {
            LinkEnabled = methods.Link.Enabled,
            CodeEnabled = methods.Code.Enabled,
            LinkLifespan = Lifespan(methods.Link.Config.Lifespan, "selfservice.methods.link.config.lifespan"),
            CodeLifespan = Lifespan(methods.Code.Config.Lifespan, "selfservice.methods.code.config.lifespan"),
            MaxSubmissions = methods.Code.Config.MaxSubmissions,
            FlowsEnabled = flows.Enabled,
            Use = use,
            FlowLifespan = Lifespan(flows.Lifespan, "selfservice.flows.recovery.lifespan"),
            UiUrl = flows.UiUrl,
            NotifyUnknownRecipients = flows.NotifyUnknownRecipients,
            RateLimitMessages = flows.RateLimit.MaxMessages,
            RateLimitWindow = Lifespan(flows.RateLimit.Window, "selfservice.flows.recovery.rate_limit.window"),
            LinkBaseUrl = linkBase,
            PublicBaseUrl = publicBase,
            AdminBaseUrl = options.Serve.Admin.BaseUrl.TrimEnd('/'),
            AllowedReturnUrls = allowed,
            FlowReturnUrls = Uri.TryCreate(publicBase + "/self-service", UriKind.Absolute, out var selfService)
                ? [.. allowed, AllowedReturnUrl.Of(selfService)]
                : allowed,
        };
        return found.Count == 0;

        T Invalid<T>(T fallback, string error)
        {
            found.Add(error);
            return fallback;
        }

        Duration Lifespan(string? text, string key)
        {
            if (!GoDuration.TryParse(text, out var duration))
            {
                return Invalid(Duration.FromHours(1), $"{key} must be a Go duration such as \"1h\" or \"30m\", got \"{text}\".");
            }

            return duration > Duration.Zero ? duration : Invalid(Duration.FromHours(1), $"{key} must be positive, got \"{text}\".");
        }

        Uri? CheckUrl(string? text, string key)
        {
            if (Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps))
            {
                return uri;
            }

            found.Add($"{key} must be an absolute http or https URL, got \"{text}\".");
            return null;
        }
    }
}
