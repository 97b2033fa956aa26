namespace Ory.Identity;

/// <summary>The crypt(3) base-64 alphabet (<c>./0-9A-Za-z</c>) and its little-endian 24-bit groups, as md5-crypt and SHA-crypt write digests.</summary>
internal static class CryptBase64
{
    public const string Alphabet = "./0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    /// <summary>Writes the digest bytes in the given triplet order (each triplet: b2, b1, b0, characters).</summary>
    public static string Encode(ReadOnlySpan<byte> digest, ReadOnlySpan<int> order)
    {
        var output = new System.Text.StringBuilder(order.Length / 4 * 4);
        for (var i = 0; i < order.Length; i += 4)
        {
            var b2 = order[i] < 0 ? 0 : digest[order[i]];
            var b1 = order[i + 1] < 0 ? 0 : digest[order[i + 1]];
            var b0 = digest[order[i + 2]];
            var w = (b2 << 16) | (b1 << 8) | b0;
            for (var n = order[i + 3]; n > 0; n--)
            {
                output.Append(Alphabet[w & 0x3f]);
                w >>= 6;
            }
        }

        return output.ToString();
    }
}
