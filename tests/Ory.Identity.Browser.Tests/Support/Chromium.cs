namespace Ory.Identity.Browser.Tests.Support;

/// <summary>
/// Debian's chromium, the only browser the tests drive (Playwright never downloads one): <c>CHROMIUM_PATH</c>, else
/// <c>/usr/bin/chromium</c>. Without it the tests are skipped with <see cref="SkipReason"/>, except with <c>CI=true</c>,
/// where they fail.
/// </summary>
internal static class Chromium
{
    /// <summary>The environment variable naming the chromium executable.</summary>
    public const string PathVariable = "CHROMIUM_PATH";

    /// <summary>The chromium executable the tests launch.</summary>
    public static string ExecutablePath { get; } =
        Environment.GetEnvironmentVariable(PathVariable) is { Length: > 0 } configured ? configured : "/usr/bin/chromium";

    /// <summary>Why the browser tests are skipped; null when they run (chromium is there, or CI requires it).</summary>
    public static string? SkipReason { get; } = File.Exists(ExecutablePath) || string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase)
        ? null
        : $"chromium is not installed at {ExecutablePath}: apt-get install -y chromium, or set {PathVariable} to a chromium executable.";
}
