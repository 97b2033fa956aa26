using System.Security.Cryptography;
using Org.BouncyCastle.Crypto.Generators;

namespace Ory.Identity;

/// <summary>
/// Firebase's modified scrypt, <c>$firescrypt$ln=&lt;log2 N&gt;,r=…,p=…$&lt;salt&gt;$&lt;hash&gt;$&lt;salt
/// separator&gt;$&lt;signer key&gt;</c>, parsed as Kratos: seven <c>$</c>-parts, strict padded base64. The derived key
/// is scrypt(password, salt‖separator, 2^ln, r, p, 32); the expected hash is AES-256-CTR(derived key, zero IV) of the
/// signer key. Bounds: ln ≤ 17, 1 ≤ r ≤ 8, 1 ≤ p ≤ 10 (ln = 0 cannot be parsed). Ory.Identity also refuses an empty hash,
/// and ln ≥ 16 with r = 1 (see <see cref="ScryptHash.WithinBlockBound"/>) as out of bounds.
/// </summary>
internal static class FirebaseScryptHash
{
    public const int MaxLogN = 17;

    public static HashCheck Check(string hash) => Parse(hash, out _, out _, out _, out _, out _, out _);

    public static bool Verify(byte[] password, string hash)
    {
        if (Parse(hash, out var n, out var r, out var p, out var salt, out var expected, out var signerKey) != HashCheck.Valid)
        {
            return false;
        }

        var key = SCrypt.Generate(password, salt, n, r, p, 32);
        var actual = AesCtr(key, signerKey);
        CryptographicOperations.ZeroMemory(key);
        return CryptographicOperations.FixedTimeEquals(expected, actual);
    }

    /// <summary>AES-256 in CTR mode with a zero IV (a 128-bit big-endian counter from 0), as Go's cipher.NewCTR.</summary>
    internal static byte[] AesCtr(byte[] key, byte[] data)
    {
        using var aes = Aes.Create();
        aes.Key = key;
        var blocks = (data.Length + 15) / 16;
        var counters = new byte[blocks * 16];
        for (var i = 0; i < blocks; i++)
        {
            var value = (ulong)i;
            for (var j = 15; j >= 8 && value != 0; j--, value >>= 8)
            {
                counters[i * 16 + j] = (byte)value;
            }
        }

        var stream = aes.EncryptEcb(counters, PaddingMode.None);
        var output = new byte[data.Length];
        for (var i = 0; i < data.Length; i++)
        {
            output[i] = (byte)(data[i] ^ stream[i]);
        }

        return output;
    }

    private static HashCheck Parse(string hash, out int n, out int r, out int p, out byte[] salt, out byte[] expected, out byte[] signerKey)
    {
        n = r = p = 0;
        salt = expected = signerKey = [];
        var parts = hash.Split('$');
        if (parts.Length != 7 || !ScryptHash.TryScanParameters(parts[2], out var logN, out var block, out var lanes))
        {
            return HashCheck.Malformed;
        }

        if (!GoBase64.TryDecode(parts[3], padded: true, strict: true, out var baseSalt)
            || !GoBase64.TryDecode(parts[4], padded: true, strict: true, out expected) || expected.Length == 0
            || !GoBase64.TryDecode(parts[5], padded: true, strict: true, out var separator)
            || !GoBase64.TryDecode(parts[6], padded: true, strict: true, out signerKey))
        {
            return HashCheck.Malformed;
        }

        if (logN > MaxLogN || block is < 1 or > ScryptHash.MaxR || lanes is < 1 or > ScryptHash.MaxP
            || !ScryptHash.WithinBlockBound(1UL << (int)logN, block))
        {
            return HashCheck.OutOfBounds;
        }

        if (logN < 1)
        {
            return HashCheck.Malformed;
        }

        salt = [.. baseSalt, .. separator];
        (n, r, p) = (1 << (int)logN, (int)block, (int)lanes);
        return HashCheck.Valid;
    }
}
