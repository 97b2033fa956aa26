using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Ory.Identity.AspNetCore.Internal;

/// <summary>
/// Keeps the framework's log categories that quote whole URLs or request lines at Warning and above, unless
/// <see cref="OryIdentityHttpOptions.RedactRequestLog"/> is off: the hosting request log (Information,
/// <c>Request starting HTTP/1.1 GET http://…/self-service/recovery?flow=…&amp;token=…</c>), Kestrel's bad-request log
/// (Debug, up to 128 characters of a refused request line or header line, an <c>Authorization</c> header included),
/// and, when the host uses them, the HTTPS redirection and URL rewriting middlewares (Debug, the URL they redirect to or
/// rewrite, query included). <see cref="RedactedRequestLogMiddleware"/> writes the request log instead, with the query
/// values redacted.
/// </summary>
/// <remarks>
/// A provider-specific rule beats every provider-less one whatever its category (Microsoft.Extensions.Logging's
/// <c>LoggerRuleSelector</c>), so a provider-less rule alone would lose to, say, <c>Logging:Console:LogLevel:Default: Trace</c>.
/// The rules are therefore added once without a provider and once for each provider named in the rules, after every
/// other configuration. A category's level is the one those rules would have chosen, raised to Warning, and it keeps
/// their filter, so a stricter configuration stays as strict. The replacement request log
/// (<see cref="OryIdentityHttpOptions.RequestLogCategory"/>) gets what the configuration chose for the framework's, so it
/// is on exactly when that one would have been (off with the usual <c>"Microsoft.AspNetCore": "Warning"</c>), unless a
/// rule names its category, which then decides alone.
/// </remarks>
internal sealed class FrameworkRequestLogFilter(IOptions<OryIdentityHttpOptions> http) : IPostConfigureOptions<LoggerFilterOptions>
{
    /// <summary>The framework's request log, which the replacement request log stands in for.</summary>
    public const string HostingCategory = "Microsoft.AspNetCore.Hosting.Diagnostics";

    /// <summary>The categories kept at Warning and above.</summary>
    public static readonly IReadOnlyList<string> Categories =
    [
        HostingCategory,
        "Microsoft.AspNetCore.Server.Kestrel.BadRequests",
        "Microsoft.AspNetCore.HttpsPolicy.HttpsRedirectionMiddleware",
        "Microsoft.AspNetCore.Rewrite.RewriteMiddleware",
    ];

    /// <inheritdoc />
    public void PostConfigure(string? name, LoggerFilterOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!http.Value.RedactRequestLog)
        {
            return;
        }

        var providers = options.Rules.Select(r => r.ProviderName).OfType<string>().Distinct(StringComparer.Ordinal).Prepend(null).ToList();
        var requestLogConfigured = options.Rules.Any(r => string.Equals(r.CategoryName, OryIdentityHttpOptions.RequestLogCategory, StringComparison.OrdinalIgnoreCase));
        var added = new List<LoggerFilterRule>();
        foreach (var provider in providers)
        {
            foreach (var category in Categories)
            {
                var selected = Select(options, provider, category);
                var level = selected is null ? options.MinLevel : selected.LogLevel ?? LogLevel.Trace;
                added.Add(new LoggerFilterRule(provider, category, level > LogLevel.Warning ? level : LogLevel.Warning, selected?.Filter));
            }

            if (!requestLogConfigured)
            {
                var hosting = Select(options, provider, HostingCategory);
                var filter = hosting?.Filter;
                added.Add(new LoggerFilterRule(
                    provider,
                    OryIdentityHttpOptions.RequestLogCategory,
                    hosting is null ? options.MinLevel : hosting.LogLevel,
                    filter is null ? null : (type, _, level) => filter(type, HostingCategory, level)));
            }
        }

        foreach (var rule in added)
        {
            options.Rules.Add(rule);
        }
    }

    /// <summary>The rule Microsoft.Extensions.Logging picks for a provider (by the name the rules use) and a category.</summary>
    private static LoggerFilterRule? Select(LoggerFilterOptions options, string? provider, string category)
    {
        LoggerFilterRule? current = null;
        foreach (var rule in options.Rules)
        {
            if (Applies(rule, provider, category) && Beats(rule, current))
            {
                current = rule;
            }
        }

        return current;
    }

    private static bool Applies(LoggerFilterRule rule, string? provider, string category)
    {
        if (rule.ProviderName is not null && rule.ProviderName != provider)
        {
            return false;
        }

        if (rule.CategoryName is not { } pattern)
        {
            return true;
        }

        var wildcard = pattern.IndexOf('*', StringComparison.Ordinal);
        var prefix = wildcard < 0 ? pattern : pattern[..wildcard];
        var suffix = wildcard < 0 ? string.Empty : pattern[(wildcard + 1)..];
        return category.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) && category.EndsWith(suffix, StringComparison.OrdinalIgnoreCase);
    }

    // A provider-specific rule beats a provider-less one; then a longer category beats a shorter one; a later rule beats an
    // equal earlier one.
    private static bool Beats(LoggerFilterRule rule, LoggerFilterRule? current)
    {
        if (current is null)
        {
            return true;
        }

        if ((current.ProviderName is null) != (rule.ProviderName is null))
        {
            return rule.ProviderName is not null;
        }

        return current.CategoryName is null || (rule.CategoryName is not null && rule.CategoryName.Length >= current.CategoryName.Length);
    }
}
