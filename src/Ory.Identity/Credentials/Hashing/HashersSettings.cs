using System.Globalization;

namespace Ory.Identity;

/// <summary>The algorithm new passwords are hashed with.</summary>
internal enum NewHashAlgorithm
{
    Bcrypt,
    Argon2id,
}

/// <summary>Validated, resolved <see cref="HashersOptions"/>: effective bcrypt cost, Argon2 memory in KiB.</summary>
internal sealed record HashersSettings
{
    public required NewHashAlgorithm Algorithm { get; init; }

    /// <summary>The effective bcrypt cost (at least 12).</summary>
    public required int BcryptCost { get; init; }

    public required int Argon2MemoryKiB { get; init; }

    public required int Argon2Iterations { get; init; }

    public required int Argon2Parallelism { get; init; }

    public required int Argon2SaltLength { get; init; }

    public required int Argon2KeyLength { get; init; }

    /// <summary>The effective <c>hashers.max_concurrency</c>: at least 1.</summary>
    public required int MaxConcurrency { get; init; }

    /// <summary><c>hashers.max_queue</c>: how many callers may wait for a hashing slot.</summary>
    public required int MaxQueue { get; init; }

    /// <summary>The default of <c>hashers.max_concurrency</c>: every processor but one, at least one.</summary>
    public static int DefaultMaxConcurrency => Math.Max(1, Environment.ProcessorCount - 1);

    public static HashersSettings Default { get; } = Create(new HashersOptions());

    public static HashersSettings Create(HashersOptions options) =>
        TryCreate(options, out var settings, out var errors)
            ? settings
            : throw new InvalidOperationException(string.Join(" ", errors));

    public static bool TryCreate(HashersOptions options, out HashersSettings settings, out IReadOnlyList<string> errors)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        var algorithm = NewHashAlgorithm.Bcrypt;
        switch (options.Algorithm)
        {
            case HashersOptions.BcryptAlgorithm:
                break;
            case HashersOptions.Argon2Algorithm:
                algorithm = NewHashAlgorithm.Argon2id;
                break;
            default:
                failures.Add($"hashers.algorithm must be \"bcrypt\" or \"argon2\", got \"{options.Algorithm}\".");
                break;
        }

        var bcrypt = options.Bcrypt ?? new BcryptHasherOptions();
        if (bcrypt.Cost is < 4 or > BcryptHash.MaxCost)
        {
            failures.Add($"hashers.bcrypt.cost must be between 4 and {BcryptHash.MaxCost} (Ory refuses to verify bcrypt hashes above cost {BcryptHash.MaxCost}), got {bcrypt.Cost}.");
        }

        var argon2 = options.Argon2 ?? new Argon2HasherOptions();
        var memoryKiB = 0L;
        if (!ByteSize.TryParseKiB(argon2.Memory, out memoryKiB))
        {
            failures.Add($"hashers.argon2.memory must be a byte size such as \"128MB\", \"64MiB\" or \"131072KB\", got \"{argon2.Memory}\".");
        }
        else if (memoryKiB < 8L * Math.Max(argon2.Parallelism, 1) || memoryKiB > Argon2Hash.MaxMemoryKiB)
        {
            failures.Add(string.Create(CultureInfo.InvariantCulture,
                $"hashers.argon2.memory must be between 8 KiB per lane and 1GB ({Argon2Hash.MaxMemoryKiB} KiB), got {memoryKiB} KiB."));
        }

        if (argon2.Iterations is < 1 or > Argon2Hash.MaxIterations)
        {
            failures.Add($"hashers.argon2.iterations must be between 1 and {Argon2Hash.MaxIterations}, got {argon2.Iterations}.");
        }

        if (argon2.Parallelism is < 1 or > Argon2Hash.MaxParallelism)
        {
            failures.Add($"hashers.argon2.parallelism must be between 1 and {Argon2Hash.MaxParallelism}, got {argon2.Parallelism}.");
        }

        if (argon2.SaltLength is < 16 or > 1024)
        {
            failures.Add($"hashers.argon2.salt_length must be between 16 and 1024, got {argon2.SaltLength}.");
        }

        if (argon2.KeyLength is < 16 or > 1024)
        {
            failures.Add($"hashers.argon2.key_length must be between 16 and 1024, got {argon2.KeyLength}.");
        }

        if (options.MaxConcurrency is < 0 or > HashingScheduler.MaxConcurrencyLimit)
        {
            failures.Add($"hashers.max_concurrency must be between 1 and {HashingScheduler.MaxConcurrencyLimit}, or 0 for the default (processors - 1, at least 1), got {options.MaxConcurrency}.");
        }

        if (options.MaxQueue is < 0 or > HashingScheduler.MaxQueueLimit)
        {
            failures.Add($"hashers.max_queue must be between 0 and {HashingScheduler.MaxQueueLimit} waiting callers, got {options.MaxQueue}.");
        }

        errors = failures;
        settings = failures.Count > 0
            ? null!
            : new HashersSettings
            {
                Algorithm = algorithm,
                BcryptCost = Math.Max(bcrypt.Cost, BcryptHasherOptions.MinimumEffectiveCost),
                Argon2MemoryKiB = (int)memoryKiB,
                Argon2Iterations = argon2.Iterations,
                Argon2Parallelism = argon2.Parallelism,
                Argon2SaltLength = argon2.SaltLength,
                Argon2KeyLength = argon2.KeyLength,
                MaxConcurrency = options.MaxConcurrency == 0 ? DefaultMaxConcurrency : options.MaxConcurrency,
                MaxQueue = options.MaxQueue,
            };
        return failures.Count == 0;
    }
}
