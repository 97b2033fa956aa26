using System.Security.Cryptography;
using System.Text;

namespace Ory.Identity;

/// <summary>
/// Verifies a password against a stored hash of any supported format (detected by prefix in Kratos's order). Never
/// throws for a bad hash: malformed, unknown or out-of-bounds hashes simply do not verify, and bounds are checked
/// before any expensive work.
/// </summary>
internal static class PasswordHashVerifier
{
    /// <summary>The longest password (UTF-8 bytes) verified against any format; longer ones never match.</summary>
    public const int MaxPasswordBytes = 4096;

    public static bool Verify(string password, string hash)
    {
        ArgumentNullException.ThrowIfNull(password);
        ArgumentNullException.ThrowIfNull(hash);
        var bytes = Encoding.UTF8.GetBytes(password);
        try
        {
            return Verify(bytes, hash);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(bytes);
        }
    }

    public static bool Verify(byte[] password, string hash)
    {
        if (password.Length > MaxPasswordBytes)
        {
            return false;
        }

        return PasswordHashFormats.Detect(hash) switch
        {
            PasswordHashFormat.Md5Crypt => Md5Crypt.Verify(password, hash),
            PasswordHashFormat.Bcrypt => BcryptHash.Verify(password, hash),
            PasswordHashFormat.Sha256Crypt => ShaCrypt.Verify(password, hash, sha512: false),
            PasswordHashFormat.Sha512Crypt => ShaCrypt.Verify(password, hash, sha512: true),
            PasswordHashFormat.Argon2id or PasswordHashFormat.Argon2i => Argon2Hash.Verify(password, hash),
            PasswordHashFormat.Pbkdf2 => Pbkdf2Hash.Verify(password, hash),
            PasswordHashFormat.Scrypt => ScryptHash.Verify(password, hash),
            PasswordHashFormat.Ssha => SshaHash.Verify(password, hash),
            PasswordHashFormat.SaltedSha => SaltedShaHash.Verify(password, hash),
            PasswordHashFormat.FirebaseScrypt => FirebaseScryptHash.Verify(password, hash),
            PasswordHashFormat.Md5 => Md5Hash.Verify(password, hash),
            PasswordHashFormat.Hmac => HmacHash.Verify(password, hash),
            PasswordHashFormat.AspNetIdentityV2 or PasswordHashFormat.AspNetIdentityV3 => AspNetIdentityHash.Verify(password, hash),
            _ => false,
        };
    }
}
