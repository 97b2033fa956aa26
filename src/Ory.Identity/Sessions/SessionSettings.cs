using NodaTime;

namespace Ory.Identity;

/// <summary>
/// The session configuration (<c>session</c>, <c>cookies</c>, <c>feature_flags</c>, <c>dev</c>) parsed and checked once
/// from <see cref="OryIdentityOptions"/>, with Kratos's fallbacks applied (driver/config/config.go). A singleton in the
/// service collection; hosts and HTTP layers read it, for example to write the session cookie.
/// </summary>
public sealed class SessionSettings
{
    private SessionSettings()
    {
    }

    /// <summary><c>session.lifespan</c>: how long a session lasts after each (re-)authentication.</summary>
    public Duration Lifespan { get; private init; }

    /// <summary><c>session.earliest_possible_extend</c>, else <see cref="Lifespan"/>.</summary>
    public Duration EarliestPossibleExtend { get; private init; }

    /// <summary><c>session.cookie.name</c>.</summary>
    public string CookieName { get; private init; } = SessionCookieOptions.DefaultName;

    /// <summary><c>session.cookie.persistent</c>: whether the session cookie carries a <c>Max-Age</c>.</summary>
    public bool CookiePersistent { get; private init; }

    /// <summary>The session cookie's attributes: <c>session.cookie.*</c>, else <c>cookies.*</c>, else Kratos's defaults.</summary>
    public CookieSettings SessionCookie { get; private init; } = null!;

    /// <summary>The attributes of other cookies (the CSRF cookie): <c>cookies.*</c>, else Kratos's defaults.</summary>
    public CookieSettings Cookies { get; private init; } = null!;

    /// <summary><c>feature_flags.use_continue_with_transitions</c> (default true here, false in Kratos).</summary>
    public bool UseContinueWithTransitions { get; private init; }

    /// <summary><c>feature_flags.faster_session_extend</c>: extending over HTTP answers 204 without a body.</summary>
    public bool FasterSessionExtend { get; private init; }

    /// <summary>Parses the settings.</summary>
    /// <param name="options">The options.</param>
    /// <exception cref="InvalidOperationException">A value is invalid; the message lists every invalid value.</exception>
    public static SessionSettings Create(OryIdentityOptions options) =>
        TryCreate(options, out var settings, out var errors) ? settings : throw new InvalidOperationException(string.Join(" ", errors));

    /// <summary>Parses the settings and reports every invalid value.</summary>
    /// <param name="options">The options.</param>
    /// <param name="settings">The settings; with errors, defaults stand in for the invalid values.</param>
    /// <param name="errors">What is invalid, one message per value; empty when all is well.</param>
    /// <returns>Whether every value is valid.</returns>
    public static bool TryCreate(OryIdentityOptions options, out SessionSettings settings, out IReadOnlyList<string> errors)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        var session = options.Session;
        var cookie = session.Cookie;
        var cookies = options.Cookies;

        var lifespan = Positive(session.Lifespan, "session.lifespan", Duration.FromHours(24));
        var earliest = session.EarliestPossibleExtend is null
            ? lifespan
            : Positive(session.EarliestPossibleExtend, "session.earliest_possible_extend", lifespan);

        if (string.IsNullOrEmpty(cookie.Name) || !cookie.Name.All(IsCookieNameCharacter))
        {
            failures.Add($"session.cookie.name must be a cookie name (letters, digits and !#$%&'*+-.^_`|~), got \"{cookie.Name}\".");
        }

        var baseCookie = new CookieSettings(
            Domain(cookies.Domain, "cookies.domain"),
            CookiePath(cookies.Path, "cookies.path"),
            SameSite(cookies.SameSite, "cookies.same_site", CookieSameSite.Lax),
            cookies.Secure ?? !options.Dev);
        var sessionCookie = new CookieSettings(
            cookie.Domain is null ? baseCookie.Domain : Domain(cookie.Domain, "session.cookie.domain"),
            cookie.Path is null ? baseCookie.Path : CookiePath(cookie.Path, "session.cookie.path"),
            cookie.SameSite is null ? baseCookie.SameSite : SameSite(cookie.SameSite, "session.cookie.same_site", baseCookie.SameSite),
            cookie.Secure ?? !options.Dev);

        errors = failures;
        settings = new SessionSettings
        {
            Lifespan = lifespan,
            EarliestPossibleExtend = earliest,
            CookieName = cookie.Name,
            CookiePersistent = cookie.Persistent,
            SessionCookie = sessionCookie,
            Cookies = baseCookie,
            UseContinueWithTransitions = options.FeatureFlags.UseContinueWithTransitions,
            FasterSessionExtend = options.FeatureFlags.FasterSessionExtend,
        };
        return failures.Count == 0;

        Duration Positive(string? text, string key, Duration fallback)
        {
            if (GoDuration.TryParse(text, out var duration) && duration > Duration.Zero)
            {
                return duration;
            }

            failures.Add($"{key} must be a positive Go duration such as \"24h\" or \"30m\", got \"{text}\".");
            return fallback;
        }

        string? Domain(string? text, string key)
        {
            if (string.IsNullOrEmpty(text))
            {
                return null;
            }

            if (text.Any(c => c is ';' or ',' or '/' or '\\' || char.IsWhiteSpace(c) || char.IsControl(c)))
            {
                failures.Add($"{key} must be a domain name such as \"example.com\", got \"{text}\".");
                return null;
            }

            return text;
        }

        string CookiePath(string text, string key)
        {
            if (!text.StartsWith('/') || text.Any(c => c == ';' || char.IsControl(c)))
            {
                failures.Add($"{key} must be a path starting with \"/\" and without \";\", got \"{text}\".");
                return "/";
            }

            return text;
        }

        CookieSameSite SameSite(string text, string key, CookieSameSite fallback)
        {
            foreach (var value in Enum.GetValues<CookieSameSite>())
            {
                if (string.Equals(text, value.ToString(), StringComparison.OrdinalIgnoreCase))
                {
                    return value;
                }
            }

            failures.Add($"{key} must be \"Strict\", \"Lax\" or \"None\", got \"{text}\".");
            return fallback;
        }
    }

    // RFC 6265's cookie-name: an RFC 7230 token.
    private static bool IsCookieNameCharacter(char c) => char.IsAsciiLetterOrDigit(c) || "!#$%&'*+-.^_`|~".Contains(c, StringComparison.Ordinal);
}
