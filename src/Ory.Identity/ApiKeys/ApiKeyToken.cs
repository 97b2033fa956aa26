using System.Buffers;
using System.IO.Hashing;
using System.Security.Cryptography;

namespace Ory.Identity;

/// <summary>
/// The text of an API key: <c>ory_ak_</c>, a 16-character key id, <c>_</c>, a 52-character secret (260 CSPRNG bits), and
/// a 7-character CRC-32 of everything before it, all in lower-case base32 (<c>a-z2-7</c>): 83 characters. The prefix
/// lets secret scanners find leaked keys; the checksum lets them (and us, before any lookup) tell a real key from a
/// typo or a truncated one.
/// </summary>
internal static class ApiKeyToken
{
    public const string Prefix = ApiKey.KeyPrefix;
    public const int KeyIdLength = 16;
    public const int SecretLength = 52;
    public const int ChecksumLength = 7;
    public const int Length = 7 + KeyIdLength + 1 + SecretLength + ChecksumLength;

    /// <summary>Where the hashed part starts: the key id, the separator and the secret.</summary>
    public const int MaterialStart = 7;

    /// <summary>The length of the hashed part.</summary>
    public const int MaterialLength = KeyIdLength + 1 + SecretLength;

    private const string Alphabet = "abcdefghijklmnopqrstuvwxyz234567";
    private static readonly SearchValues<char> AlphabetCharacters = SearchValues.Create(Alphabet);

    /// <summary>A new key with a new random key id.</summary>
    public static string New(out string keyId)
    {
        keyId = RandomNumberGenerator.GetString(Alphabet, KeyIdLength);
        var secret = RandomNumberGenerator.GetString(Alphabet, SecretLength);
        return string.Create(Length, (keyId, secret), static (span, parts) =>
        {
            Prefix.CopyTo(span);
            parts.keyId.CopyTo(span[MaterialStart..]);
            span[MaterialStart + KeyIdLength] = '_';
            parts.secret.CopyTo(span[(MaterialStart + KeyIdLength + 1)..]);
            WriteChecksum(span[..^ChecksumLength], span[^ChecksumLength..]);
        });
    }

    /// <summary>Whether <paramref name="text"/> is a well-formed key with a valid checksum.</summary>
    public static bool IsWellFormed(ReadOnlySpan<char> text)
    {
        if (text.Length != Length
            || !text.StartsWith(Prefix, StringComparison.Ordinal)
            || text[MaterialStart + KeyIdLength] != '_'
            || text.Slice(MaterialStart, KeyIdLength).IndexOfAnyExcept(AlphabetCharacters) >= 0
            || text[(MaterialStart + KeyIdLength + 1)..].IndexOfAnyExcept(AlphabetCharacters) >= 0)
        {
            return false;
        }

        Span<char> expected = stackalloc char[ChecksumLength];
        WriteChecksum(text[..^ChecksumLength], expected);
        return expected.SequenceEqual(text[^ChecksumLength..]);
    }

    /// <summary>The key id of a well-formed key.</summary>
    public static ReadOnlySpan<char> KeyIdOf(ReadOnlySpan<char> key) => key.Slice(MaterialStart, KeyIdLength);

    /// <summary>The ASCII bytes that are hashed: key id, separator and secret of a well-formed key.</summary>
    public static void WriteMaterial(ReadOnlySpan<char> key, Span<byte> destination)
    {
        var material = key.Slice(MaterialStart, MaterialLength);
        for (var i = 0; i < material.Length; i++)
        {
            destination[i] = (byte)material[i];
        }
    }

    private static void WriteChecksum(ReadOnlySpan<char> text, Span<char> destination)
    {
        Span<byte> bytes = stackalloc byte[text.Length];
        for (var i = 0; i < text.Length; i++)
        {
            bytes[i] = (byte)text[i];
        }

        // 32 bits in 7 base32 digits, most significant first (the first digit holds the top 2 bits).
        var crc = Crc32.HashToUInt32(bytes);
        for (var i = ChecksumLength - 1; i >= 0; i--)
        {
            destination[i] = Alphabet[(int)(crc & 31)];
            crc >>= 5;
        }
    }
}
