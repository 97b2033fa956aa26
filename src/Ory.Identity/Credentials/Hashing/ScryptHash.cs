using System.Security.Cryptography;
using Org.BouncyCastle.Crypto.Generators;

namespace Ory.Identity;

/// <summary>
/// <c>$scrypt$ln=&lt;N&gt;,r=&lt;r&gt;,p=&lt;p&gt;$&lt;salt&gt;$&lt;hash&gt;</c>, parsed as Kratos: five <c>$</c>-parts,
/// <c>ln</c> is N itself (not its logarithm), strict padded base64, key length = decoded length. Bounds: 1 ≤ N ≤
/// 131,072, 1 ≤ r ≤ 8, 1 ≤ p ≤ 10; N must also be a power of two above 1 (otherwise the hash cannot be parsed).
/// Ory.Identity also refuses an empty hash, and N ≥ 2^(16r) (only r = 1 with N of 65,536 or more), which RFC 7914
/// forbids and the scrypt implementation refuses to compute: such a hash is out of bounds.
/// </summary>
internal static class ScryptHash
{
    public const int MaxN = 131_072;
    public const int MaxR = 8;
    public const int MaxP = 10;

    public static HashCheck Check(string hash) => Parse(hash, out _, out _, out _, out _, out _);

    public static bool Verify(byte[] password, string hash)
    {
        if (Parse(hash, out var n, out var r, out var p, out var salt, out var expected) != HashCheck.Valid)
        {
            return false;
        }

        var actual = SCrypt.Generate(password, salt, n, r, p, expected.Length);
        return CryptographicOperations.FixedTimeEquals(expected, actual);
    }

    /// <summary>Whether N is below 2^(16r), RFC 7914's bound (and BouncyCastle's); r above 3 puts it past any uint.</summary>
    internal static bool WithinBlockBound(ulong n, ulong r) => r > 3 || n < 1UL << (int)(16 * r);

    /// <summary>Reads <c>ln=…,r=…,p=…</c> as Go's Sscanf into three uint32.</summary>
    internal static bool TryScanParameters(string text, out ulong n, out ulong r, out ulong p)
    {
        n = r = p = 0;
        var scan = new GoScan(text);
        return scan.Literal("ln=") && scan.Unsigned(32, out n) && scan.Literal(",r=") && scan.Unsigned(32, out r)
               && scan.Literal(",p=") && scan.Unsigned(32, out p);
    }

    private static HashCheck Parse(string hash, out int n, out int r, out int p, out byte[] salt, out byte[] expected)
    {
        n = r = p = 0;
        salt = expected = [];
        var parts = hash.Split('$');
        if (parts.Length != 5 || !TryScanParameters(parts[2], out var cost, out var block, out var lanes))
        {
            return HashCheck.Malformed;
        }

        if (!GoBase64.TryDecode(parts[3], padded: true, strict: true, out salt)
            || !GoBase64.TryDecode(parts[4], padded: true, strict: true, out expected) || expected.Length == 0)
        {
            return HashCheck.Malformed;
        }

        if (cost is < 1 or > MaxN || block is < 1 or > MaxR || lanes is < 1 or > MaxP || !WithinBlockBound(cost, block))
        {
            return HashCheck.OutOfBounds;
        }

        if (cost < 2 || (cost & (cost - 1)) != 0)
        {
            return HashCheck.Malformed;
        }

        (n, r, p) = ((int)cost, (int)block, (int)lanes);
        return HashCheck.Valid;
    }
}
