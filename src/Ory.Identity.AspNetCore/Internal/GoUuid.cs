namespace Ory.Identity.AspNetCore.Internal;

/// <summary>
/// The UUID spellings Kratos accepts (gofrs/uuid <c>FromString</c>, used by x/uuid.go for paths and by the JSON
/// decoder for bodies): 32 hex digits with or without the four dashes, optionally in braces or after
/// <c>urn:uuid:</c>, hex digits in either case. Nothing else: no whitespace, parentheses, signs or <c>0x</c> groups,
/// which <see cref="Guid.TryParse(string?, out Guid)"/> would accept.
/// </summary>
internal static class GoUuid
{
    private const string UrnPrefix = "urn:uuid:";

    /// <summary>Parses <paramref name="text"/> as gofrs/uuid does; false (and the nil UUID) when it is not a UUID.</summary>
    public static bool TryParse(string? text, out Guid id)
    {
        id = Guid.Empty;
        if (text is null)
        {
            return false;
        }

        var span = text.AsSpan();
        switch (span.Length)
        {
            case 41 or 45:
                if (!span.StartsWith(UrnPrefix, StringComparison.Ordinal))
                {
                    return false;
                }

                span = span[UrnPrefix.Length..];
                break;
            case 34 or 38:
                if (span[0] != '{' || span[^1] != '}')
                {
                    return false;
                }

                span = span[1..^1];
                break;
            case 32 or 36:
                break;
            default:
                return false;
        }

        Span<char> digits = stackalloc char[32];
        if (span.Length == 36)
        {
            if (span[8] != '-' || span[13] != '-' || span[18] != '-' || span[23] != '-')
            {
                return false;
            }

            span[..8].CopyTo(digits);
            span[9..13].CopyTo(digits[8..]);
            span[14..18].CopyTo(digits[12..]);
            span[19..23].CopyTo(digits[16..]);
            span[24..].CopyTo(digits[20..]);
        }
        else
        {
            span.CopyTo(digits);
        }

        foreach (var c in digits)
        {
            if (!char.IsAsciiHexDigit(c))
            {
                return false;
            }
        }

        id = Guid.ParseExact(digits, "N");
        return true;
    }

    /// <summary>Kratos's <c>x.ParseUUID</c>: the UUID, or the nil UUID when <paramref name="text"/> is not one.</summary>
    public static Guid ParseOrNil(string? text) => TryParse(text, out var id) ? id : Guid.Empty;
}
