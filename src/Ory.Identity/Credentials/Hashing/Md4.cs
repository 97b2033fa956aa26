using System.Buffers.Binary;
using System.Numerics;

namespace Ory.Identity;

/// <summary>MD4 (RFC 1320), only for verifying imported <c>$hmac-md4$</c> hashes; the BCL has none.</summary>
internal static class Md4
{
    public const int HashSize = 16;
    public const int BlockSize = 64;

    public static byte[] Hash(ReadOnlySpan<byte> message)
    {
        uint a = 0x67452301, b = 0xefcdab89, c = 0x98badcfe, d = 0x10325476;
        var paddedLength = (message.Length + 8) / 64 * 64 + 64;
        var buffer = new byte[paddedLength];
        message.CopyTo(buffer);
        buffer[message.Length] = 0x80;
        BinaryPrimitives.WriteUInt64LittleEndian(buffer.AsSpan(paddedLength - 8), (ulong)message.Length * 8);
        Span<uint> x = stackalloc uint[16];
        for (var offset = 0; offset < paddedLength; offset += 64)
        {
            for (var i = 0; i < 16; i++)
            {
                x[i] = BinaryPrimitives.ReadUInt32LittleEndian(buffer.AsSpan(offset + i * 4));
            }

            uint aa = a, bb = b, cc = c, dd = d;
            ReadOnlySpan<int> order1 = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15];
            ReadOnlySpan<int> order2 = [0, 4, 8, 12, 1, 5, 9, 13, 2, 6, 10, 14, 3, 7, 11, 15];
            ReadOnlySpan<int> order3 = [0, 8, 4, 12, 2, 10, 6, 14, 1, 9, 5, 13, 3, 11, 7, 15];
            ReadOnlySpan<int> shifts1 = [3, 7, 11, 19];
            ReadOnlySpan<int> shifts2 = [3, 5, 9, 13];
            ReadOnlySpan<int> shifts3 = [3, 9, 11, 15];
            for (var i = 0; i < 16; i++)
            {
                var f = (b & c) | (~b & d);
                var t = BitOperations.RotateLeft(a + f + x[order1[i]], shifts1[i % 4]);
                (a, b, c, d) = (d, t, b, c);
            }

            for (var i = 0; i < 16; i++)
            {
                var g = (b & c) | (b & d) | (c & d);
                var t = BitOperations.RotateLeft(a + g + x[order2[i]] + 0x5a827999, shifts2[i % 4]);
                (a, b, c, d) = (d, t, b, c);
            }

            for (var i = 0; i < 16; i++)
            {
                var h = b ^ c ^ d;
                var t = BitOperations.RotateLeft(a + h + x[order3[i]] + 0x6ed9eba1, shifts3[i % 4]);
                (a, b, c, d) = (d, t, b, c);
            }

            a += aa;
            b += bb;
            c += cc;
            d += dd;
        }

        var digest = new byte[HashSize];
        BinaryPrimitives.WriteUInt32LittleEndian(digest, a);
        BinaryPrimitives.WriteUInt32LittleEndian(digest.AsSpan(4), b);
        BinaryPrimitives.WriteUInt32LittleEndian(digest.AsSpan(8), c);
        BinaryPrimitives.WriteUInt32LittleEndian(digest.AsSpan(12), d);
        return digest;
    }

    /// <summary>HMAC-MD4 (RFC 2104 over <see cref="Hash"/>).</summary>
    public static byte[] Hmac(ReadOnlySpan<byte> key, ReadOnlySpan<byte> message)
    {
        var k = new byte[BlockSize];
        (key.Length > BlockSize ? Hash(key) : key.ToArray()).CopyTo(k, 0);
        var inner = new byte[BlockSize + message.Length];
        var outer = new byte[BlockSize + HashSize];
        for (var i = 0; i < BlockSize; i++)
        {
            inner[i] = (byte)(k[i] ^ 0x36);
            outer[i] = (byte)(k[i] ^ 0x5c);
        }

        message.CopyTo(inner.AsSpan(BlockSize));
        Hash(inner).CopyTo(outer, BlockSize);
        return Hash(outer);
    }
}
