using System.Numerics;
using System.Security.Cryptography;

namespace Ory.Identity;

/// <summary>
/// The formats of session and logout tokens (Kratos's x/token_prefixes.go prefixes). A session token is
/// <c>ory_st_</c> and 43 random characters of <c>[A-Za-z0-9]</c> (256 bits; Kratos uses 32 characters, clients treat
/// the token as opaque). A logout token is not stored but derived from the session id: <c>ory_lo_</c> and the 43-digit
/// base62 form of HMAC(first secret, <c>logout:</c> + session id).
/// </summary>
internal static class SessionTokens
{
    /// <summary>The prefix of session tokens.</summary>
    public const string SessionPrefix = "ory_st_";

    /// <summary>The prefix of logout tokens.</summary>
    public const string LogoutPrefix = "ory_lo_";

    /// <summary>The random characters after the prefix: 43 × log2(62) ≈ 256.1 bits.</summary>
    public const int RandomLength = 43;

    /// <summary>The length of a whole session or logout token.</summary>
    public const int Length = 7 + RandomLength;

    private const string Alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    /// <summary>A new session token from <see cref="RandomNumberGenerator"/> (uniform over the alphabet).</summary>
    public static string NewSessionToken() => SessionPrefix + RandomNumberGenerator.GetString(Alphabet, RandomLength);

    /// <summary>Whether <paramref name="token"/> has the shape of a session token; anything else is refused before hashing.</summary>
    public static bool IsWellFormedSessionToken(string? token) => IsWellFormed(token, SessionPrefix);

    /// <summary>The logout token of a session under key <paramref name="keyIndex"/> of <paramref name="hasher"/>.</summary>
    public static string LogoutToken(SecretHasher hasher, int keyIndex, Guid sessionId)
    {
        Span<byte> mac = stackalloc byte[SecretHasher.MacLength];
        hasher.Compute(keyIndex, "logout:" + sessionId.ToString("D"), mac);
        var value = new BigInteger(mac, isUnsigned: true, isBigEndian: true);
        Span<char> digits = stackalloc char[RandomLength];
        for (var i = RandomLength - 1; i >= 0; i--)
        {
            value = BigInteger.DivRem(value, 62, out var digit);
            digits[i] = Alphabet[(int)digit];
        }

        return string.Concat(LogoutPrefix, digits);
    }

    /// <summary>Whether <paramref name="token"/> has the shape of a logout token.</summary>
    public static bool IsWellFormedLogoutToken(string? token) => IsWellFormed(token, LogoutPrefix);

    private static bool IsWellFormed(string? token, string prefix)
    {
        if (token is null || token.Length != Length || !token.StartsWith(prefix, StringComparison.Ordinal))
        {
            return false;
        }

        foreach (var c in token.AsSpan(prefix.Length))
        {
            if (!char.IsAsciiLetterOrDigit(c))
            {
                return false;
            }
        }

        return true;
    }
}
