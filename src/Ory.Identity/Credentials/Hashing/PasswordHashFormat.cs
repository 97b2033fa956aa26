using System.Text.RegularExpressions;

namespace Ory.Identity;

/// <summary>The hash families Ory.Identity verifies: Kratos's (Kratos's hash/hash_comparator.go, in its detection order) and ASP.NET Core Identity's.</summary>
internal enum PasswordHashFormat
{
    Unknown,
    Md5Crypt,
    Bcrypt,
    Sha256Crypt,
    Sha512Crypt,
    Argon2id,
    Argon2i,
    Pbkdf2,
    Scrypt,
    Ssha,
    SaltedSha,
    FirebaseScrypt,
    Md5,
    Hmac,
    AspNetIdentityV2,
    AspNetIdentityV3,
}

/// <summary>Detects the format of a stored hash by prefix, first match wins, in Kratos's order.</summary>
internal static partial class PasswordHashFormats
{
    public static PasswordHashFormat Detect(string hash)
    {
        ArgumentNullException.ThrowIfNull(hash);
        if (hash.StartsWith("$md5-crypt$", StringComparison.Ordinal))
        {
            return PasswordHashFormat.Md5Crypt;
        }

        if (BcryptPrefix().IsMatch(hash))
        {
            return PasswordHashFormat.Bcrypt;
        }

        if (hash.StartsWith("$sha256-crypt$", StringComparison.Ordinal))
        {
            return PasswordHashFormat.Sha256Crypt;
        }

        if (hash.StartsWith("$sha512-crypt$", StringComparison.Ordinal))
        {
            return PasswordHashFormat.Sha512Crypt;
        }

        if (hash.StartsWith("$argon2id$", StringComparison.Ordinal))
        {
            return PasswordHashFormat.Argon2id;
        }

        if (hash.StartsWith("$argon2i$", StringComparison.Ordinal))
        {
            return PasswordHashFormat.Argon2i;
        }

        if (Pbkdf2Prefix().IsMatch(hash))
        {
            return PasswordHashFormat.Pbkdf2;
        }

        if (hash.StartsWith("$scrypt$", StringComparison.Ordinal))
        {
            return PasswordHashFormat.Scrypt;
        }

        if (SshaPrefix().IsMatch(hash))
        {
            return PasswordHashFormat.Ssha;
        }

        if (ShaPrefix().IsMatch(hash))
        {
            return PasswordHashFormat.SaltedSha;
        }

        if (hash.StartsWith("$firescrypt$", StringComparison.Ordinal))
        {
            return PasswordHashFormat.FirebaseScrypt;
        }

        if (hash.StartsWith("$md5$", StringComparison.Ordinal))
        {
            return PasswordHashFormat.Md5;
        }

        if (HmacPrefix().IsMatch(hash))
        {
            return PasswordHashFormat.Hmac;
        }

        return AspNetIdentityHash.Detect(hash);
    }

    [GeneratedRegex(@"^\$2[abzy]?\$", RegexOptions.CultureInvariant)]
    private static partial Regex BcryptPrefix();

    [GeneratedRegex(@"^\$pbkdf2-sha[0-9]{1,3}\$", RegexOptions.CultureInvariant)]
    private static partial Regex Pbkdf2Prefix();

    [GeneratedRegex(@"^\{SSHA(256|512)?\}", RegexOptions.CultureInvariant)]
    private static partial Regex SshaPrefix();

    [GeneratedRegex(@"^\$sha(1|256|512)\$", RegexOptions.CultureInvariant)]
    private static partial Regex ShaPrefix();

    [GeneratedRegex(@"^\$hmac-(md4|md5|sha1|sha224|sha256|sha384|sha512)\$", RegexOptions.CultureInvariant)]
    internal static partial Regex HmacPrefix();
}
