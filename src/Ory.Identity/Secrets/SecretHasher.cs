using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Org.BouncyCastle.Crypto.Digests;
using Org.BouncyCastle.Crypto.Macs;
using Org.BouncyCastle.Crypto.Parameters;

namespace Ory.Identity;

/// <summary>
/// Keyed hashes of recovery tokens and codes, as Kratos hashes recovery tokens (lower-case hex of HMAC-SHA512/256), and of
/// session tokens (lower-case hex of HMAC-SHA256, which the platform computes several times faster: a session token is
/// hashed on every authenticated request). Both are keyed with the first secret of <c>secrets.cookie</c> (else
/// <c>secrets.default</c>); every configured secret yields a candidate hash for lookups, so keys rotate by putting the
/// new one first. Without secrets a random key is generated (with a warning): tokens then die with the process.
/// </summary>
internal sealed class SecretHasher : IDisposable
{
    /// <summary>The length of a MAC in bytes.</summary>
    public const int MacLength = 32;

    private readonly byte[][] _keys;

    // HMAC instances keyed once and reset after each use; one set per thread, as they are not thread-safe. Keying once
    // saves more than half of a one-shot HMAC's cost.
    private readonly ThreadLocal<HMac[]> _macs;
    private readonly ThreadLocal<IncrementalHash[]> _sessionMacs;

    public SecretHasher(IOptions<OryIdentityOptions> options, ILogger<SecretHasher>? logger = null)
        : this(options.Value.Secrets)
    {
        if (GeneratedKey && logger is not null)
        {
            Log.NoSecretsConfigured(logger);
        }
    }

    public SecretHasher(SecretsOptions secrets)
    {
        var configured = secrets.Cookie.Count > 0 ? secrets.Cookie : secrets.Default;
        if (configured.Count == 0)
        {
            GeneratedKey = true;
            _keys = [RandomNumberGenerator.GetBytes(32)];
        }
        else
        {
            _keys = configured.Select(Encoding.UTF8.GetBytes).ToArray();
        }

        _macs = new ThreadLocal<HMac[]>(() => Array.ConvertAll(_keys, NewMac));
        _sessionMacs = new ThreadLocal<IncrementalHash[]>(
            () => Array.ConvertAll(_keys, static key => IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, key)),
            trackAllValues: true);
    }

    /// <summary>Whether no secret was configured and a random key is in use.</summary>
    public bool GeneratedKey { get; }

    /// <summary>How many keys there are (at least one); key 0 signs, all verify.</summary>
    public int KeyCount => _keys.Length;

    /// <summary>The hash stored for a new token or code (first key).</summary>
    public string Hash(string secret) => Hash(_macs.Value![0], secret);

    /// <summary>The hashes a presented token or code may be stored under, one per configured key.</summary>
    public IReadOnlyCollection<string> Candidates(string secret) => OnePerKey(_macs.Value!, secret, Hash);

    /// <summary>The hash stored for a new session token (first key).</summary>
    public string HashSessionToken(string token) => HashSessionToken(_sessionMacs.Value![0], token);

    /// <summary>The hashes a presented session token may be stored under, one per configured key.</summary>
    public IReadOnlyCollection<string> SessionTokenCandidates(string token) => OnePerKey(_sessionMacs.Value!, token, HashSessionToken);

    /// <summary>Writes the raw MAC of <paramref name="input"/> under key <paramref name="keyIndex"/> to <paramref name="mac"/> (<see cref="MacLength"/> bytes).</summary>
    public void Compute(int keyIndex, string input, Span<byte> mac) => Compute(_macs.Value![keyIndex], input, mac);

    public void Dispose()
    {
        foreach (var macs in _sessionMacs.Values)
        {
            foreach (var mac in macs)
            {
                mac.Dispose();
            }
        }

        _sessionMacs.Dispose();
        _macs.Dispose();
    }

    private static string[] OnePerKey<TMac>(TMac[] macs, string secret, Func<TMac, string, string> hash)
    {
        var hashes = new string[macs.Length];
        for (var i = 0; i < macs.Length; i++)
        {
            hashes[i] = hash(macs[i], secret);
        }

        return hashes;
    }

    private static HMac NewMac(byte[] key)
    {
        var mac = new HMac(new Sha512tDigest(256));
        mac.Init(new KeyParameter(key));
        return mac;
    }

    private static string Hash(HMac mac, string secret)
    {
        Span<byte> output = stackalloc byte[MacLength];
        Compute(mac, secret, output);
        return Convert.ToHexStringLower(output);
    }

    private static string HashSessionToken(IncrementalHash mac, string token)
    {
        var maxBytes = Encoding.UTF8.GetMaxByteCount(token.Length);
        Span<byte> bytes = maxBytes <= 512 ? stackalloc byte[maxBytes] : new byte[maxBytes];
        var length = Encoding.UTF8.GetBytes(token, bytes);
        mac.AppendData(bytes[..length]);
        Span<byte> output = stackalloc byte[MacLength];
        mac.TryGetHashAndReset(output, out _);
        return Convert.ToHexStringLower(output);
    }

    // DoFinal resets the HMAC to its keyed initial state, ready for the next input.
    private static void Compute(HMac mac, string input, Span<byte> output)
    {
        var maxBytes = Encoding.UTF8.GetMaxByteCount(input.Length);
        Span<byte> bytes = maxBytes <= 512 ? stackalloc byte[maxBytes] : new byte[maxBytes];
        var length = Encoding.UTF8.GetBytes(input, bytes);
        mac.BlockUpdate(bytes[..length]);
        mac.DoFinal(output);
    }
}
