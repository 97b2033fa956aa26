using System.Security.Cryptography;

namespace Ory.Identity;

/// <summary>
/// <c>$md5$&lt;b64 md5(password)&gt;</c> (three <c>$</c>-parts) or <c>$md5$pf=&lt;b64 template&gt;$&lt;b64
/// salt&gt;$&lt;b64 hash&gt;</c> (five), strict padded base64; other part counts are invalid. Kratos checks only the
/// prefix at import.
/// </summary>
#pragma warning disable CA5351 // Verifies imported legacy hashes only; never used for new hashes.
internal static class Md5Hash
{
    public static bool Verify(byte[] password, string hash)
    {
        var parts = hash.Split('$');
        byte[] expected;
        byte[] actual;
        switch (parts.Length)
        {
            case 3:
                if (!GoBase64.TryDecode(parts[2], padded: true, strict: true, out expected))
                {
                    return false;
                }

                actual = MD5.HashData(password);
                break;

            case 5:
                if (!SaltTemplate.TryRead(parts[2], out var template)
                    || !GoBase64.TryDecode(parts[3], padded: true, strict: true, out var salt)
                    || !GoBase64.TryDecode(parts[4], padded: true, strict: true, out expected))
                {
                    return false;
                }

                var input = SaltTemplate.Apply(template, salt, password);
                actual = MD5.HashData(input);
                CryptographicOperations.ZeroMemory(input);
                break;

            default:
                return false;
        }

        return CryptographicOperations.FixedTimeEquals(expected, actual);
    }
}
