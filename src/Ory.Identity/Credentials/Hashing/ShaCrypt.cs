using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Ory.Identity;

/// <summary>
/// Kratos's <c>$sha256-crypt$</c> and <c>$sha512-crypt$</c>: Ulrich Drepper's SHA-crypt (<c>$5$</c>, <c>$6$</c>) with
/// the prefix renamed, parsed as Kratos's decoder: four or five <c>$</c>-parts, an optional <c>rounds=N</c>
/// (1000–999,999,999; omitted means 5000), a non-empty digest compared as text, and the salt used whole.
/// Kratos imposes no cost bound on this family; Ory.Identity refuses more than <see cref="MaxRounds"/> rounds (at
/// import and verification) and passwords over <see cref="MaxPasswordBytes"/> bytes (the work grows with rounds ×
/// password length), so a hostile hash cannot stall the host.
/// </summary>
internal static class ShaCrypt
{
    /// <summary>The most rounds verified (passlib's and go-crypt's defaults are 535,000–1,000,000).</summary>
    public const int MaxRounds = 1_000_000;

    /// <summary>The longest password verified against this family.</summary>
    public const int MaxPasswordBytes = 256;

    private const int DefaultRounds = 5000;
    private const int MinRounds = 1000;
    private const int GoMaxRounds = 999_999_999;

    private static readonly int[] Order256 =
    [
        0, 10, 20, 4, 21, 1, 11, 4, 12, 22, 2, 4, 3, 13, 23, 4, 24, 4, 14, 4, 15, 25, 5, 4, 6, 16, 26, 4, 27, 7, 17, 4,
        18, 28, 8, 4, 9, 19, 29, 4, -1, 31, 30, 3,
    ];

    private static readonly int[] Order512 =
    [
        0, 21, 42, 4, 22, 43, 1, 4, 44, 2, 23, 4, 3, 24, 45, 4, 25, 46, 4, 4, 47, 5, 26, 4, 6, 27, 48, 4, 28, 49, 7, 4,
        50, 8, 29, 4, 9, 30, 51, 4, 31, 52, 10, 4, 53, 11, 32, 4, 12, 33, 54, 4, 34, 55, 13, 4, 56, 14, 35, 4, 15, 36, 57, 4,
        37, 58, 16, 4, 59, 17, 38, 4, 18, 39, 60, 4, 40, 61, 19, 4, 62, 20, 41, 4, -1, -1, 63, 2,
    ];

    /// <summary>Import check: Kratos only checks the prefix; Ory.Identity also refuses rounds above <see cref="MaxRounds"/>.</summary>
    public static HashCheck CheckImport(string hash) =>
        TryParse(hash, out var rounds, out _, out _) && rounds > MaxRounds ? HashCheck.OutOfBounds : HashCheck.Valid;

    public static bool Verify(byte[] password, string hash, bool sha512)
    {
        if (!TryParse(hash, out var rounds, out var salt, out var key) || rounds > MaxRounds || password.Length > MaxPasswordBytes)
        {
            return false;
        }

        var actual = Encoding.ASCII.GetBytes(Compute(password, Encoding.UTF8.GetBytes(salt), rounds, sha512));
        return CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(key), actual);
    }

    private static bool TryParse(string hash, out int rounds, out string salt, out string key)
    {
        rounds = DefaultRounds;
        salt = key = string.Empty;
        var renamed = hash.StartsWith("$sha256-crypt", StringComparison.Ordinal) ? "$5" + hash["$sha256-crypt".Length..]
            : hash.StartsWith("$sha512-crypt", StringComparison.Ordinal) ? "$6" + hash["$sha512-crypt".Length..]
            : null;
        if (renamed is null)
        {
            return false;
        }

        var parts = renamed.Split('$');
        if (parts.Length is not (4 or 5))
        {
            return false;
        }

        if (parts.Length == 5)
        {
            if (parts[2].Length == 0)
            {
                return false;
            }

            foreach (var pair in parts[2].Split(','))
            {
                var separator = pair.IndexOf('=', StringComparison.Ordinal);
                if (separator < 0 || pair[..separator] != "rounds"
                    || !ulong.TryParse(pair[(separator + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var value)
                    || value > uint.MaxValue || value is < MinRounds or > GoMaxRounds)
                {
                    return false;
                }

                rounds = (int)value;
            }
        }

        salt = parts[^2];
        key = parts[^1];
        return key.Length > 0;
    }

    /// <summary>The encoded SHA-crypt digest (43 characters for SHA-256, 86 for SHA-512), the salt used whole.</summary>
    public static string Compute(ReadOnlySpan<byte> password, ReadOnlySpan<byte> salt, int rounds, bool sha512)
    {
        var name = sha512 ? HashAlgorithmName.SHA512 : HashAlgorithmName.SHA256;
        var size = sha512 ? 64 : 32;
        using var digest = IncrementalHash.CreateHash(name);

        // B = H(password salt password)
        var b = new byte[size];
        digest.AppendData(password);
        digest.AppendData(salt);
        digest.AppendData(password);
        digest.GetHashAndReset(b);

        // A = H(password salt B-repeated-to-length bits-of-length-pick-B-or-password)
        var a = new byte[size];
        digest.AppendData(password);
        digest.AppendData(salt);
        for (var remaining = password.Length; remaining > 0; remaining -= size)
        {
            digest.AppendData(b.AsSpan(0, Math.Min(size, remaining)));
        }

        for (var i = password.Length; i > 0; i >>= 1)
        {
            if ((i & 1) != 0)
            {
                digest.AppendData(b);
            }
            else
            {
                digest.AppendData(password);
            }
        }

        digest.GetHashAndReset(a);

        // P: H(password repeated length times), cut to the password length.
        var dp = new byte[size];
        for (var i = 0; i < password.Length; i++)
        {
            digest.AppendData(password);
        }

        digest.GetHashAndReset(dp);
        var p = Repeat(dp, password.Length);

        // S: H(salt repeated 16 + A[0] times), cut to the salt length.
        var ds = new byte[size];
        for (var i = 0; i < 16 + a[0]; i++)
        {
            digest.AppendData(salt);
        }

        digest.GetHashAndReset(ds);
        var s = Repeat(ds, salt.Length);

        for (var i = 0; i < rounds; i++)
        {
            digest.AppendData((i & 1) != 0 ? p : a);
            if (i % 3 != 0)
            {
                digest.AppendData(s);
            }

            if (i % 7 != 0)
            {
                digest.AppendData(p);
            }

            digest.AppendData((i & 1) != 0 ? a : p);
            digest.GetHashAndReset(a);
        }

        CryptographicOperations.ZeroMemory(p);
        return CryptBase64.Encode(a, sha512 ? Order512 : Order256);
    }

    private static byte[] Repeat(byte[] block, int length)
    {
        var output = new byte[length];
        for (var offset = 0; offset < length; offset += block.Length)
        {
            block.AsSpan(0, Math.Min(block.Length, length - offset)).CopyTo(output.AsSpan(offset));
        }

        return output;
    }
}
