using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Ory.Identity;

/// <summary>
/// Keyed hashes of API keys: HMAC-SHA256 of the key id and secret, keyed with the first secret of
/// <c>secrets.default</c> (else <c>secrets.cookie</c>); every configured secret verifies, so secrets rotate by putting the
/// new one first (keys hashed with an older secret are re-hashed with the first on their next use). Without secrets a
/// random key is generated with a warning, and keys stop working when the process restarts.
/// </summary>
internal sealed class ApiKeyHasher : IDisposable
{
    public const int HashLength = 32;

    private readonly byte[][] _keys;

    // Keyed HMAC instances, reset after each use, one set per thread (they are not thread-safe): keying once saves more
    // than half of a one-shot HMAC's cost.
    private readonly ThreadLocal<IncrementalHash[]> _macs;

    public ApiKeyHasher(IOptions<OryIdentityOptions> options, ILogger<ApiKeyHasher>? logger = null)
        : this(options.Value.Secrets)
    {
        if (GeneratedKey && logger is not null)
        {
            Log.NoApiKeySecretsConfigured(logger);
        }
    }

    public ApiKeyHasher(SecretsOptions secrets)
    {
        var configured = secrets.Default.Count > 0 ? secrets.Default : secrets.Cookie;
        GeneratedKey = configured.Count == 0;
        _keys = GeneratedKey ? [RandomNumberGenerator.GetBytes(32)] : configured.Select(Encoding.UTF8.GetBytes).ToArray();
        _macs = new ThreadLocal<IncrementalHash[]>(
            () => Array.ConvertAll(_keys, static key => IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, key)),
            trackAllValues: true);
    }

    /// <summary>Whether no secret was configured and a random key is in use.</summary>
    public bool GeneratedKey { get; }

    /// <summary>The hash to store for a key (first secret), in lower-case hex.</summary>
    public string Hash(ReadOnlySpan<byte> material)
    {
        Span<byte> hash = stackalloc byte[HashLength];
        Compute(_macs.Value![0], material, hash);
        return Convert.ToHexStringLower(hash);
    }

    /// <summary>
    /// The index of the secret under which <paramref name="material"/> hashes to <paramref name="storedHash"/> (0: the
    /// current one), or -1. Each comparison takes constant time.
    /// </summary>
    public int Match(ReadOnlySpan<byte> storedHash, ReadOnlySpan<byte> material)
    {
        Span<byte> hash = stackalloc byte[HashLength];
        var macs = _macs.Value!;
        for (var i = 0; i < macs.Length; i++)
        {
            Compute(macs[i], material, hash);
            if (CryptographicOperations.FixedTimeEquals(hash, storedHash))
            {
                return i;
            }
        }

        return -1;
    }

    public void Dispose()
    {
        foreach (var macs in _macs.Values)
        {
            foreach (var mac in macs)
            {
                mac.Dispose();
            }
        }

        _macs.Dispose();
    }

    private static void Compute(IncrementalHash mac, ReadOnlySpan<byte> material, Span<byte> hash)
    {
        mac.AppendData(material);
        mac.TryGetHashAndReset(hash, out _);
    }
}
