using System.Security.Cryptography;

namespace Ory.Identity;

/// <summary>
/// <c>$sha1|sha256|sha512$pf=&lt;b64 template&gt;$&lt;b64 salt&gt;$&lt;b64 hash&gt;</c>: SHA-x of the template with
/// <c>{SALT}</c> and <c>{PASSWORD}</c> replaced. Five <c>$</c>-parts, strict padded base64. Kratos checks only the
/// prefix at import.
/// </summary>
internal static class SaltedShaHash
{
    public static bool Verify(byte[] password, string hash)
    {
        var parts = hash.Split('$');
        if (parts.Length != 5
            || !SaltTemplate.TryRead(parts[2], out var template)
            || !GoBase64.TryDecode(parts[3], padded: true, strict: true, out var salt)
            || !GoBase64.TryDecode(parts[4], padded: true, strict: true, out var expected))
        {
            return false;
        }

        var name = parts[1] switch
        {
            "sha1" => HashAlgorithmName.SHA1,
            "sha256" => HashAlgorithmName.SHA256,
            "sha512" => HashAlgorithmName.SHA512,
            _ => default,
        };
        if (name == default)
        {
            return false;
        }

        var input = SaltTemplate.Apply(template, salt, password);
        var actual = SshaHash.ShaDigest(name, input);
        CryptographicOperations.ZeroMemory(input);
        return CryptographicOperations.FixedTimeEquals(expected, actual);
    }
}
