using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Ory.Identity;

/// <summary>
/// Password hashing for the identity manager: hashes new passwords with the configured algorithm
/// (<c>hashers</c>), verifies passwords against every supported format, checks imported hashes, and tells when a
/// stored hash should be upgraded. Thread-safe; hashing and verifying are CPU-bound (tens to hundreds of milliseconds
/// for bcrypt/Argon2), so request paths use <see cref="HashAsync"/>, <see cref="VerifyAsync"/> and
/// <see cref="VerifyDummyAsync"/>, which run through the process's one bounded <see cref="Scheduler"/>.
/// </summary>
internal sealed class PasswordHashing
{
    /// <summary>Kratos's reason when a password is too long for bcrypt (Kratos: ErrBcryptPasswordLengthReached).</summary>
    public const string BcryptPasswordTooLong = "passwords are limited to a maximum length of 72 characters";

    /// <summary>The reason when a password is longer than any hasher accepts.</summary>
    public const string PasswordTooLong = "passwords are limited to a maximum length of 4096 bytes";

    private readonly Lazy<string> _dummyHash;

    public PasswordHashing(IOptions<OryIdentityOptions> options)
        : this(HashersSettings.Create((options ?? throw new ArgumentNullException(nameof(options))).Value.Hashers))
    {
    }

    public PasswordHashing(HashersSettings settings)
    {
        Settings = settings ?? throw new ArgumentNullException(nameof(settings));
        Scheduler = new HashingScheduler(settings.MaxConcurrency, settings.MaxQueue);
        _dummyHash = new Lazy<string>(() => Hash(Convert.ToBase64String(RandomNumberGenerator.GetBytes(24))), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public HashersSettings Settings { get; }

    /// <summary>The bounded scheduler every hash and verification of a request runs through.</summary>
    public HashingScheduler Scheduler { get; }

    /// <summary>
    /// A hash of a random password with the configured algorithm and cost. Verify submitted passwords against it when
    /// the identifier is unknown, so that a miss costs as long as a hit. Computed once, on first use.
    /// </summary>
    public string DummyHash => _dummyHash.Value;

    /// <summary>
    /// Hashes a new password with the configured algorithm. Throws <see cref="InvalidRequestException"/> (400) when
    /// bcrypt is configured and the password is over 72 UTF-8 bytes (refused, never truncated), or when it is over
    /// 4096 bytes. The exception never contains the password.
    /// </summary>
    public string Hash(string password)
    {
        ArgumentNullException.ThrowIfNull(password);
        var bytes = Encoding.UTF8.GetBytes(password);
        try
        {
            if (bytes.Length > PasswordHashVerifier.MaxPasswordBytes)
            {
                throw new InvalidRequestException(PasswordTooLong);
            }

            if (Settings.Algorithm == NewHashAlgorithm.Bcrypt)
            {
                if (bytes.Length > BcryptHash.MaxPasswordBytes)
                {
                    throw new InvalidRequestException(BcryptPasswordTooLong);
                }

                return BcryptHash.Hash(bytes, Settings.BcryptCost);
            }

            return Argon2Hash.Hash(bytes, Settings);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(bytes);
        }
    }

    /// <summary>
    /// <see cref="Hash(string)"/> through the <see cref="Scheduler"/>, in <paramref name="lane"/> (null: a lane of its
    /// own). Throws <see cref="HashingCapacityExceededException"/> when the queue is full.
    /// </summary>
    public Task<string> HashAsync(string password, HashingLane? lane, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(password);
        return Scheduler.RunAsync(lane, () => Hash(password), cancellationToken);
    }

    /// <summary><see cref="Verify"/> through the <see cref="Scheduler"/>.</summary>
    public Task<PasswordVerification> VerifyAsync(string password, string storedHash, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(password);
        return Scheduler.RunAsync(null, () => Verify(password, storedHash), cancellationToken);
    }

    /// <summary>
    /// Verifies the password against <see cref="DummyHash"/> through the <see cref="Scheduler"/> (the dummy hash is
    /// computed there too on first use): the same work as a real verification, for unknown identifiers.
    /// </summary>
    public Task<PasswordVerification> VerifyDummyAsync(string password, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(password);
        return Scheduler.RunAsync(null, () => Verify(password, DummyHash), cancellationToken);
    }

    /// <summary>Verifies the password; never throws for a bad or hostile stored hash (it just fails).</summary>
    public PasswordVerification Verify(string password, string storedHash)
    {
        ArgumentNullException.ThrowIfNull(password);
        if (string.IsNullOrEmpty(storedHash) || !PasswordHashVerifier.Verify(password, storedHash))
        {
            return PasswordVerification.Failed;
        }

        return new PasswordVerification(true, NeedsRehash(storedHash));
    }

    /// <summary>
    /// Whether the stored hash is not of the configured algorithm, or is weaker than configured (bcrypt: lower cost;
    /// Argon2id: less memory or fewer iterations).
    /// </summary>
    public bool NeedsRehash(string storedHash)
    {
        ArgumentNullException.ThrowIfNull(storedHash);
        if (Settings.Algorithm == NewHashAlgorithm.Bcrypt)
        {
            return PasswordHashFormats.Detect(storedHash) != PasswordHashFormat.Bcrypt
                   || !BcryptHash.TryGetCost(storedHash, out var cost)
                   || cost < Settings.BcryptCost;
        }

        return PasswordHashFormats.Detect(storedHash) != PasswordHashFormat.Argon2id
               || !Argon2Hash.TryGetParameters(storedHash, out var p)
               || p.MemoryKiB < Settings.Argon2MemoryKiB
               || p.Iterations < Settings.Argon2Iterations;
    }

    /// <summary>Kratos's import check of a <c>hashed_password</c>; <paramref name="error"/> is the 400 reason.</summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1822", Justification = "Part of the service's API next to Hash and Verify.")]
    public bool TryValidateImport(string hash, out string? error)
    {
        error = PasswordHashImport.Validate(hash);
        return error is null;
    }
}
