using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Ory.Identity;

/// <summary>
/// ASP.NET Core Identity's <c>PasswordHasher&lt;TUser&gt;</c> formats (an Ory.Identity extension, for migrating from
/// ASP.NET Identity), recognised as standard base64 without a <c>$</c> or <c>{</c> prefix whose first byte is the
/// format marker:
/// v2 = 0x00 ‖ salt(16) ‖ subkey(32), PBKDF2-HMAC-SHA1 with 1000 iterations;
/// v3 = 0x01 ‖ PRF(uint32 BE: 0 SHA-1, 1 SHA-256, 2 SHA-512) ‖ iterations(uint32 BE) ‖ salt length(uint32 BE) ‖ salt ‖
/// subkey, salt and subkey at least 16 bytes. Bounds: 1 ≤ iterations ≤ 10,000,000 and at most
/// <see cref="Pbkdf2Hash.MaxWork"/> PRF iterations in total.
/// </summary>
internal static class AspNetIdentityHash
{
    public static PasswordHashFormat Detect(string hash)
    {
        if (hash.Length == 0 || hash[0] is '$' or '{' || !GoBase64.TryDecode(hash, padded: true, strict: true, out var bytes) || bytes.Length == 0)
        {
            return PasswordHashFormat.Unknown;
        }

        return bytes[0] switch
        {
            0x00 => PasswordHashFormat.AspNetIdentityV2,
            0x01 => PasswordHashFormat.AspNetIdentityV3,
            _ => PasswordHashFormat.Unknown,
        };
    }

    public static HashCheck Check(string hash) => Parse(hash, out _, out _, out _, out _);

    public static bool Verify(byte[] password, string hash)
    {
        if (Parse(hash, out var prf, out var iterations, out var salt, out var subkey) != HashCheck.Valid)
        {
            return false;
        }

        var actual = Rfc2898DeriveBytes.Pbkdf2(password, salt, iterations, prf, subkey.Length);
        return CryptographicOperations.FixedTimeEquals(subkey, actual);
    }

    private static HashCheck Parse(string hash, out HashAlgorithmName prf, out int iterations, out byte[] salt, out byte[] subkey)
    {
        prf = HashAlgorithmName.SHA1;
        iterations = 1000;
        salt = subkey = [];
        if (!GoBase64.TryDecode(hash, padded: true, strict: true, out var bytes) || bytes.Length == 0)
        {
            return HashCheck.Malformed;
        }

        if (bytes[0] == 0x00)
        {
            if (bytes.Length != 1 + 16 + 32)
            {
                return HashCheck.Malformed;
            }

            salt = bytes[1..17];
            subkey = bytes[17..];
            return HashCheck.Valid;
        }

        if (bytes[0] != 0x01 || bytes.Length < 13)
        {
            return HashCheck.Malformed;
        }

        var prfId = BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(1));
        var iterationCount = BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(5));
        var saltLength = BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(9));
        int prfLength;
        (prf, prfLength) = prfId switch
        {
            0 => (HashAlgorithmName.SHA1, 20),
            1 => (HashAlgorithmName.SHA256, 32),
            2 => (HashAlgorithmName.SHA512, 64),
            _ => (default, 0),
        };
        if (prfLength == 0 || saltLength < 16 || saltLength > (uint)(bytes.Length - 13) || bytes.Length - 13 - (int)saltLength < 16)
        {
            return HashCheck.Malformed;
        }

        salt = bytes[13..(13 + (int)saltLength)];
        subkey = bytes[(13 + (int)saltLength)..];
        if (iterationCount is < 1 or > Pbkdf2Hash.MaxIterations || !Pbkdf2Hash.WithinWork(iterationCount, subkey.Length, prfLength))
        {
            return HashCheck.OutOfBounds;
        }

        iterations = (int)iterationCount;
        return HashCheck.Valid;
    }
}
