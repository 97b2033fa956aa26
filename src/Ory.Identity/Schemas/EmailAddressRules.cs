namespace Ory.Identity;

/// <summary>
/// Kratos's <c>email</c> format (SPEC §3.2): at most 254 chars, local part at most 64, a hostname domain (ASCII labels
/// of 1–63 chars, no leading or trailing hyphen), and an RFC 5322 local part (dot-atom or quoted string).
/// </summary>
internal static class EmailAddressRules
{
    /// <summary>Whether <paramref name="value"/> is a valid email address by Kratos's rules.</summary>
    public static bool IsValid(string value)
    {
        if (value.Length == 0 || value.Length > 254)
        {
            return false;
        }

        var at = value.LastIndexOf('@');
        if (at <= 0 || at == value.Length - 1)
        {
            return false;
        }

        var local = value.AsSpan(0, at);
        var domain = value.AsSpan(at + 1);
        return System.Text.Encoding.UTF8.GetByteCount(local) <= 64 && IsHostname(domain) && IsLocalPart(local);
    }

    /// <summary>An RFC 1123 hostname: optional trailing dot, at most 253 chars, ASCII labels 1–63 chars.</summary>
    public static bool IsHostname(ReadOnlySpan<char> host)
    {
        if (host.Length > 0 && host[^1] == '.')
        {
            host = host[..^1];
        }

        if (host.Length == 0 || host.Length > 253)
        {
            return false;
        }

        foreach (var range in host.Split('.'))
        {
            var label = host[range];
            if (label.Length == 0 || label.Length > 63 || label[0] == '-' || label[^1] == '-')
            {
                return false;
            }

            foreach (var c in label)
            {
                if (!char.IsAsciiLetterOrDigit(c) && c != '-')
                {
                    return false;
                }
            }
        }

        return true;
    }

    private static bool IsLocalPart(ReadOnlySpan<char> local)
    {
        if (local[0] == '"')
        {
            return IsQuotedString(local);
        }

        // dot-atom: atoms of atext separated by single dots.
        if (local[0] == '.' || local[^1] == '.')
        {
            return false;
        }

        var previousDot = false;
        foreach (var c in local)
        {
            if (c == '.')
            {
                if (previousDot)
                {
                    return false;
                }

                previousDot = true;
                continue;
            }

            previousDot = false;
            if (!IsAtext(c))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsQuotedString(ReadOnlySpan<char> local)
    {
        if (local.Length < 2 || local[^1] != '"')
        {
            return false;
        }

        var inner = local[1..^1];
        for (var i = 0; i < inner.Length; i++)
        {
            var c = inner[i];
            if (c == '\\')
            {
                if (++i >= inner.Length)
                {
                    return false;
                }

                continue;
            }

            if (c == '"' || c < 0x20 || c == 0x7F)
            {
                return false;
            }
        }

        return true;
    }

    // RFC 5322 atext, plus any non-ASCII character (RFC 6532), as Go's net/mail accepts.
    private static bool IsAtext(char c) =>
        char.IsAsciiLetterOrDigit(c) || c >= 0x80 || "!#$%&'*+-/=?^_`{|}~".Contains(c, StringComparison.Ordinal);
}
