using System.Security.Cryptography;
using System.Text;

namespace Ory.Identity;

/// <summary>
/// Kratos's <c>$md5-crypt$salt$digest</c>: crypt(3)'s <c>$1$</c> (Poul-Henning Kamp's FreeBSD md5-crypt, 1000 rounds)
/// with the prefix renamed. Parsed as Kratos's decoder does: exactly four <c>$</c>-parts, the salt may be empty, the
/// salt is used whole (not cut to 8 characters), and the encoded digest is compared as text.
/// </summary>
internal static class Md5Crypt
{
    private const string Prefix = "$md5-crypt";

    private static readonly int[] Order = [0, 6, 12, 4, 1, 7, 13, 4, 2, 8, 14, 4, 3, 9, 15, 4, 4, 10, 5, 4, -1, -1, 11, 2];

    public static bool Verify(byte[] password, string hash)
    {
        if (!hash.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return false;
        }

        var parts = ("$1" + hash[Prefix.Length..]).Split('$');
        if (parts.Length != 4 || parts[1] != "1" || parts[3].Length == 0)
        {
            return false;
        }

        var expected = Encoding.UTF8.GetBytes(parts[3]);
        var actual = Encoding.ASCII.GetBytes(Compute(password, Encoding.UTF8.GetBytes(parts[2])));
        return CryptographicOperations.FixedTimeEquals(expected, actual);
    }

    /// <summary>The 22-character encoded md5-crypt digest of the password with the salt (the salt is not truncated).</summary>
    public static string Compute(ReadOnlySpan<byte> password, ReadOnlySpan<byte> salt)
    {
        Span<byte> b = stackalloc byte[16];
        using (var digest = IncrementalHash.CreateHash(HashAlgorithmName.MD5))
        {
            digest.AppendData(password);
            digest.AppendData(salt);
            digest.AppendData(password);
            digest.GetHashAndReset(b);
        }

        var a = new byte[16];
        using var hasher = IncrementalHash.CreateHash(HashAlgorithmName.MD5);
        hasher.AppendData(password);
        hasher.AppendData("$1$"u8);
        hasher.AppendData(salt);
        for (var remaining = password.Length; remaining > 0; remaining -= 16)
        {
            hasher.AppendData(b[..Math.Min(16, remaining)]);
        }

        for (var i = password.Length; i > 0; i >>= 1)
        {
            if ((i & 1) == 0)
            {
                hasher.AppendData(password[..1]);
            }
            else
            {
                hasher.AppendData([0]);
            }
        }

        hasher.GetHashAndReset(a);
        for (var i = 0; i < 1000; i++)
        {
            if ((i & 1) == 0)
            {
                hasher.AppendData(a);
            }
            else
            {
                hasher.AppendData(password);
            }

            if (i % 3 != 0)
            {
                hasher.AppendData(salt);
            }

            if (i % 7 != 0)
            {
                hasher.AppendData(password);
            }

            if ((i & 1) == 0)
            {
                hasher.AppendData(password);
            }
            else
            {
                hasher.AppendData(a);
            }

            hasher.GetHashAndReset(a);
        }

        return CryptBase64.Encode(a, Order);
    }
}
