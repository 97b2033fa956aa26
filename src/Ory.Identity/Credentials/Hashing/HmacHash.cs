using System.Security.Cryptography;
using System.Text;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Digests;
using Org.BouncyCastle.Crypto.Macs;
using Org.BouncyCastle.Crypto.Parameters;

namespace Ory.Identity;

/// <summary>
/// <c>$hmac-&lt;alg&gt;$&lt;b64(hex(HMAC_alg(key, password)))&gt;$&lt;b64(key)&gt;</c> with alg md4, md5, sha1, sha224,
/// sha256, sha384 or sha512: exactly four <c>$</c>-parts, strict padded base64; the middle part decodes to the
/// lowercase hex text of the MAC. Kratos checks only the prefix at import.
/// </summary>
internal static class HmacHash
{
    public static bool Verify(byte[] password, string hash)
    {
        var parts = hash.Split('$');
        var match = PasswordHashFormats.HmacPrefix().Match(hash);
        if (parts.Length != 4 || !match.Success
            || !GoBase64.TryDecode(parts[2], padded: true, strict: true, out var expected)
            || !GoBase64.TryDecode(parts[3], padded: true, strict: true, out var key))
        {
            return false;
        }

        var mac = Compute(match.Groups[1].Value, key, password);
        var actual = Encoding.ASCII.GetBytes(Convert.ToHexStringLower(mac));
        return CryptographicOperations.FixedTimeEquals(expected, actual);
    }

#pragma warning disable CA5350, CA5351 // Verifies imported legacy hashes only; never used for new hashes.
    internal static byte[] Compute(string algorithm, byte[] key, byte[] message) => algorithm switch
    {
        "md4" => BouncyCastleHmac(new MD4Digest(), key, message),
        "md5" => HMACMD5.HashData(key, message),
        "sha1" => HMACSHA1.HashData(key, message),
        "sha224" => BouncyCastleHmac(new Sha224Digest(), key, message),
        "sha256" => HMACSHA256.HashData(key, message),
        "sha384" => HMACSHA384.HashData(key, message),
        _ => HMACSHA512.HashData(key, message),
    };
#pragma warning restore CA5350, CA5351

    // The BCL has neither MD4 nor SHA-224.
    private static byte[] BouncyCastleHmac(IDigest digest, byte[] key, byte[] message)
    {
        var hmac = new HMac(digest);
        hmac.Init(new KeyParameter(key));
        hmac.BlockUpdate(message, 0, message.Length);
        var output = new byte[hmac.GetMacSize()];
        hmac.DoFinal(output, 0);
        return output;
    }
}
