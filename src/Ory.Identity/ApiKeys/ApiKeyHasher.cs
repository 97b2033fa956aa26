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
internal sealed class ApiKeyHasher
{
    public const int HashLength = 32;

    private readonly byte[][] _keys;

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
    }

    /// <summary>Whether no secret was configured and a random key is in use.</summary>
    public bool GeneratedKey { get; }

    /// <summary>The hash to store for a key (first secret), in lower-case hex.</summary>
    public string Hash(ReadOnlySpan<byte> material)
    {
        Span<byte> hash = stackalloc byte[HashLength];
        HMACSHA256.HashData(_keys[0], material, hash);
        return Convert.ToHexStringLower(hash);
    }

    /// <summary>
    /// The index of the secret under which <paramref name="material"/> hashes to <paramref name="storedHash"/> (0: the
    /// current one), or -1. Each comparison takes constant time.
    /// </summary>
    public int Match(ReadOnlySpan<byte> storedHash, ReadOnlySpan<byte> material)
    {
        Span<byte> hash = stackalloc byte[HashLength];
        for (var i = 0; i < _keys.Length; i++)
        {
            HMACSHA256.HashData(_keys[i], material, hash);
            if (CryptographicOperations.FixedTimeEquals(hash, storedHash))
            {
                return i;
            }
        }

        return -1;
    }
}
