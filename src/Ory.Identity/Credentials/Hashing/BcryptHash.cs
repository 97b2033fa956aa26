using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Ory.Identity;

/// <summary>
/// bcrypt (<c>$2a$</c>, <c>$2b$</c>, <c>$2y$</c>, <c>$2z$</c>, <c>$2$</c>), parsed as Go's <c>x/crypto/bcrypt</c>: at
/// least 59 characters, a two-digit cost 4–31, a 22-character salt in bcrypt's alphabet, the rest the hash. Every
/// variant is computed as <c>$2a$</c> (Go appends the terminating zero byte for all of them). Verification recomputes
/// the full string and compares it in constant time, so unused low bits in the last character matter. Costs above
/// <see cref="MaxCost"/> are out of bounds and passwords over 72 bytes never match.
/// </summary>
internal static class BcryptHash
{
    /// <summary>The highest cost verified (Kratos's bound).</summary>
    public const int MaxCost = 15;

    /// <summary>The longest password bcrypt hashes without truncating.</summary>
    public const int MaxPasswordBytes = 72;

    private const string Alphabet = "./ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    public static HashCheck Check(string hash) => Parse(hash, out _, out _, out _, out _);

    public static bool TryGetCost(string hash, out int cost) => Parse(hash, out _, out cost, out _, out _) == HashCheck.Valid;

    public static bool Verify(byte[] password, string hash)
    {
        if (password.Length > MaxPasswordBytes || Parse(hash, out var prefix, out var cost, out var salt, out var storedHash) != HashCheck.Valid)
        {
            return false;
        }

        var computed = BCrypt.Net.BCrypt.HashPassword(
            Encoding.UTF8.GetString(password),
            string.Create(CultureInfo.InvariantCulture, $"$2a${cost:D2}${salt}"));
        var computedHash = computed[^31..];

        // Go compares "$2x$NN$" + salt + hash of both; the stored hash part is cut or zero-filled to 31 characters.
        var stored = new byte[prefix.Length + 22 + 31];
        var actual = new byte[stored.Length];
        Encoding.ASCII.GetBytes(prefix + salt, stored);
        Encoding.ASCII.GetBytes(prefix + salt + computedHash, actual);
        Encoding.Latin1.GetBytes(storedHash.AsSpan(0, Math.Min(31, storedHash.Length)), stored.AsSpan(prefix.Length + 22));
        return CryptographicOperations.FixedTimeEquals(stored, actual);
    }

    /// <summary>A new <c>$2a$</c> hash (60 characters). The caller has checked the 72-byte limit.</summary>
    public static string Hash(byte[] password, int cost) =>
        BCrypt.Net.BCrypt.HashPassword(Encoding.UTF8.GetString(password), cost);

    private static HashCheck Parse(string hash, out string prefix, out int cost, out string salt, out string storedHash)
    {
        prefix = salt = storedHash = string.Empty;
        cost = 0;
        if (hash.Length < 59 || hash[0] != '$' || hash[1] != '2')
        {
            return HashCheck.Malformed;
        }

        var n = hash[2] == '$' ? 3 : 4;
        if (!TryParseCost(hash.AsSpan(n, 2), out cost) || cost is < 4 or > 31)
        {
            return cost > 31 ? HashCheck.OutOfBounds : HashCheck.Malformed;
        }

        prefix = string.Create(CultureInfo.InvariantCulture, $"{hash[..(n - 1)]}${cost:D2}$");
        n += 3;
        salt = hash.Substring(n, 22);
        storedHash = hash[(n + 22)..];
        foreach (var c in salt)
        {
            if (!Alphabet.Contains(c, StringComparison.Ordinal))
            {
                return HashCheck.Malformed;
            }
        }

        return cost > MaxCost ? HashCheck.OutOfBounds : HashCheck.Valid;
    }

    // strconv.Atoi on two characters: an optional sign, then digits.
    private static bool TryParseCost(ReadOnlySpan<char> text, out int cost) =>
        int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out cost);
}
