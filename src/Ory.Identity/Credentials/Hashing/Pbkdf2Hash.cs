using System.Security.Cryptography;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Digests;
using Org.BouncyCastle.Crypto.Generators;
using Org.BouncyCastle.Crypto.Parameters;

namespace Ory.Identity;

/// <summary>
/// <c>$pbkdf2-&lt;alg&gt;$i=&lt;iterations&gt;,l=&lt;length&gt;$&lt;salt&gt;$&lt;hash&gt;</c>, parsed as Kratos: five
/// <c>$</c>-parts, parameters exactly <c>i=…,l=…</c>, strict unpadded base64, <c>l</c> ignored (the key length is the
/// decoded hash length). PRF: sha1 → HMAC-SHA1, sha224 → HMAC-SHA3-224, sha256 → HMAC-SHA256, sha384 → HMAC-SHA3-384,
/// sha512 → HMAC-SHA512, anything else → HMAC-SHA256 (Kratos's mapping, SHA-3 quirk included). Bounds: 1 ≤ i ≤
/// 10,000,000. Ory.Identity also refuses an empty hash (Go would accept any password) and more than
/// <see cref="MaxWork"/> PRF iterations in total (iterations × output blocks), so a long declared key cannot multiply
/// the cost.
/// </summary>
internal static class Pbkdf2Hash
{
    public const int MaxIterations = 10_000_000;

    /// <summary>The most PRF iterations one verification may cost (iterations × ceil(key length / PRF output)).</summary>
    public const long MaxWork = 10_000_000;

    private enum Prf
    {
        Sha1,
        Sha3_224,
        Sha256,
        Sha3_384,
        Sha512,
    }

    public static HashCheck Check(string hash) => Parse(hash, out _, out _, out _, out _);

    public static bool Verify(byte[] password, string hash)
    {
        if (Parse(hash, out var prf, out var iterations, out var salt, out var expected) != HashCheck.Valid)
        {
            return false;
        }

        var actual = prf switch
        {
            Prf.Sha1 => Rfc2898DeriveBytes.Pbkdf2(password, salt, iterations, HashAlgorithmName.SHA1, expected.Length),
            Prf.Sha256 => Rfc2898DeriveBytes.Pbkdf2(password, salt, iterations, HashAlgorithmName.SHA256, expected.Length),
            Prf.Sha512 => Rfc2898DeriveBytes.Pbkdf2(password, salt, iterations, HashAlgorithmName.SHA512, expected.Length),
            Prf.Sha3_224 => Sha3Pbkdf2(new Sha3Digest(224), password, salt, iterations, expected.Length),
            _ => Sha3Pbkdf2(new Sha3Digest(384), password, salt, iterations, expected.Length),
        };
        return CryptographicOperations.FixedTimeEquals(expected, actual);
    }

    /// <summary>Whether iterations × output blocks stays within <see cref="MaxWork"/>.</summary>
    internal static bool WithinWork(long iterations, int keyLength, int prfLength) =>
        iterations * ((keyLength + prfLength - 1) / prfLength) <= MaxWork;

    private static byte[] Sha3Pbkdf2(IDigest digest, byte[] password, byte[] salt, int iterations, int length)
    {
        var generator = new Pkcs5S2ParametersGenerator(digest);
        generator.Init(password, salt, iterations);
        return ((KeyParameter)generator.GenerateDerivedMacParameters(length * 8)).GetKey();
    }

    private static HashCheck Parse(string hash, out Prf prf, out int iterations, out byte[] salt, out byte[] expected)
    {
        prf = Prf.Sha256;
        iterations = 0;
        salt = expected = [];
        var parts = hash.Split('$');
        if (parts.Length != 5)
        {
            return HashCheck.Malformed;
        }

        var dash = parts[1].IndexOf('-', StringComparison.Ordinal);
        if (dash < 0)
        {
            return HashCheck.Malformed;
        }

        (prf, var prfLength) = parts[1][(dash + 1)..] switch
        {
            "sha1" => (Prf.Sha1, 20),
            "sha224" => (Prf.Sha3_224, 28),
            "sha384" => (Prf.Sha3_384, 48),
            "sha512" => (Prf.Sha512, 64),
            _ => (Prf.Sha256, 32),
        };

        var scan = new GoScan(parts[2]);
        if (!scan.Literal("i=") || !scan.Unsigned(32, out var i) || !scan.Literal(",l=") || !scan.Unsigned(32, out _))
        {
            return HashCheck.Malformed;
        }

        if (!GoBase64.TryDecode(parts[3], padded: false, strict: true, out salt)
            || !GoBase64.TryDecode(parts[4], padded: false, strict: true, out expected) || expected.Length == 0)
        {
            return HashCheck.Malformed;
        }

        if (i is < 1 or > MaxIterations || !WithinWork((long)i, expected.Length, prfLength))
        {
            return HashCheck.OutOfBounds;
        }

        iterations = (int)i;
        return HashCheck.Valid;
    }
}
