namespace Ory.Identity.Browser.Tests.Support;

/// <summary>Whether the tests run in CI (<c>CI=true</c>), where a missing browser or SMTP server fails instead of skipping.</summary>
internal static class Ci
{
    /// <summary>True when the environment variable <c>CI</c> is <c>true</c>.</summary>
    public static bool IsCi { get; } = string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);
}
