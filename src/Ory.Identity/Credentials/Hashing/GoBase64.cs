namespace Ory.Identity;

/// <summary>
/// Go's <c>encoding/base64</c> decoders for the standard alphabet, as Kratos uses them: padded (<c>StdEncoding</c>) or
/// raw (<c>RawStdEncoding</c>), lenient or <c>Strict()</c> (strict rejects non-zero unused bits in the last character).
/// As Go, CR and LF are skipped anywhere; every other character outside the alphabet is an error (unlike
/// <see cref="Convert.FromBase64String(string)"/>, which skips spaces and never checks the unused bits).
/// </summary>
internal static class GoBase64
{
    private static readonly sbyte[] Values = BuildValues();

    public static bool TryDecode(string text, bool padded, bool strict, out byte[] bytes)
    {
        bytes = [];
        Span<char> stackBuffer = text.Length <= 512 ? stackalloc char[text.Length] : new char[text.Length];
        var length = 0;
        foreach (var c in text)
        {
            if (c is not ('\r' or '\n'))
            {
                stackBuffer[length++] = c;
            }
        }

        var input = stackBuffer[..length];
        var padding = 0;
        if (padded)
        {
            if (input.Length % 4 != 0)
            {
                return false;
            }

            while (padding < 2 && input.Length - padding > 0 && input[input.Length - padding - 1] == '=')
            {
                padding++;
            }

            input = input[..^padding];
            if (padding > 0 && input.Length % 4 + padding != 4)
            {
                return false;
            }
        }

        if (input.Length % 4 == 1)
        {
            return false;
        }

        var output = new byte[input.Length / 4 * 3 + (input.Length % 4 == 0 ? 0 : input.Length % 4 - 1)];
        var o = 0;
        var accumulator = 0;
        var bits = 0;
        for (var i = 0; i < input.Length; i++)
        {
            var c = input[i];
            var value = c < 128 ? Values[c] : -1;
            if (value < 0)
            {
                return false;
            }

            accumulator = (accumulator << 6) | value;
            bits += 6;
            if (bits >= 8)
            {
                bits -= 8;
                output[o++] = (byte)(accumulator >> bits);
                accumulator &= (1 << bits) - 1;
            }
        }

        if (strict && accumulator != 0)
        {
            return false;
        }

        bytes = output;
        return true;
    }

    private static sbyte[] BuildValues()
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        var values = new sbyte[128];
        Array.Fill(values, (sbyte)-1);
        for (var i = 0; i < alphabet.Length; i++)
        {
            values[alphabet[i]] = (sbyte)i;
        }

        return values;
    }
}
