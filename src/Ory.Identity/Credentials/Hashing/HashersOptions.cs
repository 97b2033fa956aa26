using Microsoft.Extensions.Configuration;

namespace Ory.Identity;

/// <summary>
/// <c>hashers</c>: how new passwords are hashed (cleartext imports, and re-hashing after a successful verification of
/// an older format). Imported hashes of any supported format are verified whatever is configured here.
/// </summary>
public sealed class HashersOptions
{
    /// <summary>The bcrypt algorithm name.</summary>
    public const string BcryptAlgorithm = "bcrypt";

    /// <summary>The Argon2 (always Argon2id, version 19) algorithm name.</summary>
    public const string Argon2Algorithm = "argon2";

    /// <summary><c>algorithm</c>: <c>"bcrypt"</c> (default, as Kratos's configuration schema) or <c>"argon2"</c>.</summary>
    [ConfigurationKeyName("algorithm")]
    public string Algorithm { get; set; } = BcryptAlgorithm;

    /// <summary><c>bcrypt</c>: the bcrypt cost.</summary>
    [ConfigurationKeyName("bcrypt")]
    public BcryptHasherOptions Bcrypt { get; set; } = new();

    /// <summary><c>argon2</c>: the Argon2id parameters.</summary>
    [ConfigurationKeyName("argon2")]
    public Argon2HasherOptions Argon2 { get; set; } = new();

    /// <summary>
    /// <c>max_concurrency</c> (our extension, not in Kratos): how many password hashes and verifications run at once in
    /// this process, over all requests. 0 (default) means <c>max(1, processors - 1)</c>: hashing may use every core but
    /// one, so the rest of the API keeps a core while a batch of cleartext passwords is hashed.
    /// </summary>
    [ConfigurationKeyName("max_concurrency")]
    public int MaxConcurrency { get; set; }

    /// <summary>
    /// <c>max_queue</c> (our extension, not in Kratos): how many callers may wait for a hashing slot; a batch counts as
    /// one caller. Past it a request is refused at once with a 503 and <c>Retry-After</c>. Default 64.
    /// </summary>
    [ConfigurationKeyName("max_queue")]
    public int MaxQueue { get; set; } = DefaultMaxQueue;

    /// <summary>The default of <see cref="MaxQueue"/>.</summary>
    public const int DefaultMaxQueue = 64;

    /// <summary>Checks the values; returns one message per problem (empty when valid).</summary>
    internal IReadOnlyList<string> Validate()
    {
        _ = HashersSettings.TryCreate(this, out _, out var errors);
        return errors;
    }
}
