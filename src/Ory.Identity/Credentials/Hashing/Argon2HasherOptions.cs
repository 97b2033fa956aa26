using Microsoft.Extensions.Configuration;

namespace Ory.Identity;

/// <summary><c>hashers.argon2</c>: parameters of new Argon2id (v=19) hashes.</summary>
public sealed class Argon2HasherOptions
{
    /// <summary>
    /// <c>memory</c>: memory per hash, in Kratos's byte-size form: <c>"128MB"</c> (default), <c>"64MiB"</c>,
    /// <c>"131072KB"</c>, <c>"1GB"</c>. Units are powers of 1024 whether written <c>KB</c> or <c>KiB</c>, as Kratos reads
    /// them; a bare number is bytes. At most 1 GiB (the largest Argon2 memory Ory verifies).
    /// </summary>
    [ConfigurationKeyName("memory")]
    public string Memory { get; set; } = "128MB";

    /// <summary><c>iterations</c>: passes over memory, 1–10. Default 1.</summary>
    [ConfigurationKeyName("iterations")]
    public int Iterations { get; set; } = 1;

    /// <summary>
    /// <c>parallelism</c>: lanes, 1–16. Default twice the processor count (Kratos's default), capped at 16 because Ory
    /// refuses to verify Argon2 hashes with more than 16 lanes.
    /// </summary>
    [ConfigurationKeyName("parallelism")]
    public int Parallelism { get; set; } = Math.Min(2 * Environment.ProcessorCount, 16);

    /// <summary><c>salt_length</c>: bytes of random salt, 16–1024. Default 16.</summary>
    [ConfigurationKeyName("salt_length")]
    public int SaltLength { get; set; } = 16;

    /// <summary><c>key_length</c>: bytes of derived key, 16–1024. Default 32.</summary>
    [ConfigurationKeyName("key_length")]
    public int KeyLength { get; set; } = 32;
}
