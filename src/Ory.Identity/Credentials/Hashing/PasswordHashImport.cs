namespace Ory.Identity;

/// <summary>
/// Kratos's checks of an imported <c>hashed_password</c> (Kratos's identity/handler_import.go): the prefix must be known; bcrypt, Argon2, PBKDF2,
/// scrypt and firescrypt hashes (and ASP.NET Identity's) are fully parsed and their cost bounds enforced; the other
/// families are only prefix-checked, as Kratos (SHA-crypt additionally has its rounds capped, see <see cref="ShaCrypt"/>).
/// </summary>
internal static class PasswordHashImport
{
    public const string UnknownFormat = "The imported password does not match any known hash format.";

    public const string OutOfBounds =
        "The imported password hash declares cost parameters that exceed the bounds enforced by Ory. Re-hash the password with a more conservative configuration before importing.";

    public const string Unparsable = "The imported password hash could not be parsed.";

    /// <summary>Returns Kratos's 400 reason for the hash, or <see langword="null"/> when it may be imported.</summary>
    public static string? Validate(string? hash)
    {
        if (string.IsNullOrEmpty(hash))
        {
            return UnknownFormat;
        }

        var check = PasswordHashFormats.Detect(hash) switch
        {
            PasswordHashFormat.Unknown => (HashCheck?)null,
            PasswordHashFormat.Bcrypt => BcryptHash.Check(hash),
            PasswordHashFormat.Argon2id or PasswordHashFormat.Argon2i => Argon2Hash.Check(hash),
            PasswordHashFormat.Pbkdf2 => Pbkdf2Hash.Check(hash),
            PasswordHashFormat.Scrypt => ScryptHash.Check(hash),
            PasswordHashFormat.FirebaseScrypt => FirebaseScryptHash.Check(hash),
            PasswordHashFormat.AspNetIdentityV2 or PasswordHashFormat.AspNetIdentityV3 => AspNetIdentityHash.Check(hash),
            PasswordHashFormat.Sha256Crypt or PasswordHashFormat.Sha512Crypt => ShaCrypt.CheckImport(hash),
            _ => HashCheck.Valid,
        };

        return check switch
        {
            null => UnknownFormat,
            HashCheck.Malformed => Unparsable,
            HashCheck.OutOfBounds => OutOfBounds,
            _ => null,
        };
    }

    /// <summary>Throws Kratos's 400 when the hash may not be imported. The message never contains the hash.</summary>
    public static void EnsureValid(string? hash)
    {
        if (Validate(hash) is { } reason)
        {
            throw new InvalidRequestException(reason);
        }
    }
}
