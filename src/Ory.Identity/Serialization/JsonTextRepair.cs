using System.Buffers;
using System.Text;
using System.Text.Unicode;

namespace Ory.Identity.Serialization;

/// <summary>
/// What Go's <c>encoding/json</c> (hence Kratos) does with text that is not valid Unicode: every byte of an invalid
/// UTF-8 sequence becomes U+FFFD, and a <c>\uD800</c>–<c>\uDFFF</c> escape that is not half of a valid surrogate pair
/// becomes <c>\uFFFD</c>. System.Text.Json instead throws when such a string is read, so JSON is repaired before it is
/// parsed. Valid text (the common case) is only scanned, never copied.
/// </summary>
internal static class JsonTextRepair
{
    private static ReadOnlySpan<byte> ReplacementCharacter => "\uFFFD"u8;

    private static ReadOnlySpan<byte> ReplacementEscape => "\\ufffd"u8;

    /// <summary>Whether <paramref name="utf8Json"/> holds invalid UTF-8 or an unpaired surrogate escape.</summary>
    public static bool NeedsRepair(ReadOnlySpan<byte> utf8Json)
    {
        if (!Utf8.IsValid(utf8Json))
        {
            return true;
        }

        var i = utf8Json.IndexOf((byte)'\\');
        while (i >= 0)
        {
            var length = EscapeLength(utf8Json[i..], out var unpaired);
            if (unpaired)
            {
                return true;
            }

            var next = utf8Json[(i + length)..].IndexOf((byte)'\\');
            i = next < 0 ? -1 : i + length + next;
        }

        return false;
    }

    /// <summary>A repaired copy of <paramref name="utf8Json"/> (see the class summary).</summary>
    public static byte[] Repair(ReadOnlySpan<byte> utf8Json)
    {
        var output = new ArrayBufferWriter<byte>(utf8Json.Length + 16);
        var input = utf8Json;
        var i = 0;
        while (i < input.Length)
        {
            var rest = input[i..];
            int consumed;
            if (rest[0] == (byte)'\\')
            {
                consumed = EscapeLength(rest, out var unpaired);
                output.Write(unpaired ? ReplacementEscape : rest[..consumed]);
            }
            else if (Rune.DecodeFromUtf8(rest, out _, out consumed) == OperationStatus.Done)
            {
                output.Write(rest[..consumed]);
            }
            else
            {
                // Go's utf8.DecodeRune: an invalid sequence yields one U+FFFD per byte.
                output.Write(ReplacementCharacter);
                consumed = 1;
            }

            i += consumed;
        }

        return output.WrittenSpan.ToArray();
    }

    // The length of the escape at the start of text (which begins with a backslash): 12 for a valid surrogate pair, 6
    // for any other \uXXXX, else 2 (or 1 at the very end). unpaired: a surrogate escape that is not half of a pair.
    private static int EscapeLength(ReadOnlySpan<byte> text, out bool unpaired)
    {
        unpaired = false;
        if (text.Length < 2)
        {
            return text.Length;
        }

        if (text[1] != (byte)'u' || !TryHex4(text[2..], out var unit))
        {
            return 2;
        }

        if (!char.IsSurrogate((char)unit))
        {
            return 6;
        }

        if (char.IsHighSurrogate((char)unit) && text.Length >= 12 && text[6] == (byte)'\\' && text[7] == (byte)'u'
            && TryHex4(text[8..], out var low) && char.IsLowSurrogate((char)low))
        {
            return 12;
        }

        unpaired = true;
        return 6;
    }

    private static bool TryHex4(ReadOnlySpan<byte> text, out int value)
    {
        value = 0;
        if (text.Length < 4)
        {
            return false;
        }

        for (var k = 0; k < 4; k++)
        {
            var digit = HexValue(text[k]);
            if (digit < 0)
            {
                return false;
            }

            value = (value << 4) | digit;
        }

        return true;
    }

    private static int HexValue(byte c) => c switch
    {
        >= (byte)'0' and <= (byte)'9' => c - '0',
        >= (byte)'a' and <= (byte)'f' => c - 'a' + 10,
        >= (byte)'A' and <= (byte)'F' => c - 'A' + 10,
        _ => -1,
    };
}
