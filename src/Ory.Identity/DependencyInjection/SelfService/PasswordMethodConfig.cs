using Microsoft.Extensions.Configuration;

namespace Ory.Identity;

/// <summary>
/// <c>selfservice.methods.password.config</c>: the policy new passwords must meet in self-service flows (Kratos's
/// selfservice/strategy/password/validator.go). Admin create and import never apply it.
/// </summary>
public sealed class PasswordMethodConfig
{
    /// <summary>The smallest allowed <see cref="MinPasswordLength"/>.</summary>
    public const int MinimumMinPasswordLength = 6;

    /// <summary>The largest allowed <see cref="MaxBreaches"/>.</summary>
    public const int MaximumMaxBreaches = 100;

    /// <summary>The default <see cref="HaveIBeenPwnedHost"/>.</summary>
    public const string DefaultHaveIBeenPwnedHost = "api.pwnedpasswords.com";

    /// <summary>
    /// <c>min_password_length</c>: the fewest UTF-8 bytes a password may have (so "ääää" counts 8), at least 6.
    /// Default 8.
    /// </summary>
    [ConfigurationKeyName("min_password_length")]
    public int MinPasswordLength { get; set; } = 8;

    /// <summary>
    /// <c>identifier_similarity_check_enabled</c>: refuse passwords too similar to the identity's identifiers.
    /// Default true.
    /// </summary>
    [ConfigurationKeyName("identifier_similarity_check_enabled")]
    public bool IdentifierSimilarityCheckEnabled { get; set; } = true;

    /// <summary>
    /// <c>haveibeenpwned_enabled</c>: ask the breached-password range API whether the password is known from data
    /// breaches. Default true; turn it off in tests so they never reach the network.
    /// </summary>
    [ConfigurationKeyName("haveibeenpwned_enabled")]
    public bool HaveIBeenPwnedEnabled { get; set; } = true;

    /// <summary>
    /// <c>haveibeenpwned_host</c>: the range API's host name (optionally with a port), without a scheme or path; it is
    /// always asked over https. Default <c>api.pwnedpasswords.com</c>.
    /// </summary>
    [ConfigurationKeyName("haveibeenpwned_host")]
    public string HaveIBeenPwnedHost { get; set; } = DefaultHaveIBeenPwnedHost;

    /// <summary><c>max_breaches</c>: how many breaches a password may appear in and still be used, 0 to 100. Default 0.</summary>
    [ConfigurationKeyName("max_breaches")]
    public int MaxBreaches { get; set; }

    /// <summary>
    /// <c>ignore_network_errors</c>: accept the password when the range API cannot be asked or answers nonsense, instead
    /// of failing with a 502. Default true.
    /// </summary>
    [ConfigurationKeyName("ignore_network_errors")]
    public bool IgnoreNetworkErrors { get; set; } = true;

    /// <summary>Checks the values; returns one message per problem (empty when valid).</summary>
    internal IReadOnlyList<string> Validate()
    {
        var failures = new List<string>();
        if (MinPasswordLength < MinimumMinPasswordLength)
        {
            failures.Add($"selfservice.methods.password.config.min_password_length must be at least {MinimumMinPasswordLength}, got {MinPasswordLength}.");
        }

        if (MaxBreaches is < 0 or > MaximumMaxBreaches)
        {
            failures.Add($"selfservice.methods.password.config.max_breaches must be between 0 and {MaximumMaxBreaches}, got {MaxBreaches}.");
        }

        if (!IsHost(HaveIBeenPwnedHost))
        {
            failures.Add($"selfservice.methods.password.config.haveibeenpwned_host must be a host name such as \"{DefaultHaveIBeenPwnedHost}\" (optionally with a port), without a scheme or path; https is always used. Got \"{HaveIBeenPwnedHost}\".");
        }

        return failures;
    }

    private static bool IsHost(string? value) =>
        !string.IsNullOrWhiteSpace(value)
        && !value.Any(c => c is '/' or '\\' or '?' or '#' or '@' || char.IsWhiteSpace(c))
        && Uri.TryCreate("https://" + value + "/", UriKind.Absolute, out var uri)
        && uri.Host.Length > 0;
}
