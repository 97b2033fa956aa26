using Microsoft.Extensions.Configuration;

namespace Ory.Identity;

/// <summary>
/// <c>secrets</c>: keys for the keyed hashes of recovery tokens and codes and of session tokens. The first secret signs; all verify, so keys
/// rotate by putting the new one first. <c>cookie</c> falls back to <c>default</c>; with neither, a random key is
/// generated at start (tokens then die with the process) and a warning is logged.
/// </summary>
public sealed class SecretsOptions
{
    /// <summary>The shortest secret accepted, as Kratos.</summary>
    public const int MinLength = 16;

    /// <summary><c>secrets.default</c>: each at least 16 characters.</summary>
    [ConfigurationKeyName("default")]
    public IList<string> Default { get; set; } = [];

    /// <summary><c>secrets.cookie</c>: each at least 16 characters; used before <c>default</c> when set.</summary>
    [ConfigurationKeyName("cookie")]
    public IList<string> Cookie { get; set; } = [];

    /// <summary>Never prints the secrets.</summary>
    public override string ToString() => $"SecretsOptions {{ Default = {Default.Count}, Cookie = {Cookie.Count} }}";
}
