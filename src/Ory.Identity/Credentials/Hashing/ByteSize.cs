using System.Globalization;

namespace Ory.Identity;

/// <summary>
/// Reads Kratos's byte sizes (<c>"128MB"</c>): an integer, optional spaces, an optional unit B, KB/KiB, MB/MiB, GB/GiB or
/// TB/TiB (case-insensitive, all powers of 1024 as Kratos's parser), and converts them to whole KiB (rounded down).
/// </summary>
internal static class ByteSize
{
    public static bool TryParseKiB(string? text, out long kib)
    {
        kib = 0;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var span = text.AsSpan().Trim();
        var digits = 0;
        while (digits < span.Length && char.IsAsciiDigit(span[digits]))
        {
            digits++;
        }

        if (digits == 0 || digits > 18 || !long.TryParse(span[..digits], NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            return false;
        }

        var unit = span[digits..].Trim().ToString().ToUpperInvariant();
        long multiplier = unit switch
        {
            "" or "B" => 1,
            "K" or "KB" or "KIB" => 1L << 10,
            "M" or "MB" or "MIB" => 1L << 20,
            "G" or "GB" or "GIB" => 1L << 30,
            "T" or "TB" or "TIB" => 1L << 40,
            _ => 0,
        };
        if (multiplier == 0 || number > long.MaxValue / multiplier)
        {
            return false;
        }

        kib = number * multiplier / 1024;
        return true;
    }
}
