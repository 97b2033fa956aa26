namespace Ory.Identity;

/// <summary>
/// Kratos's <c>email</c> format (Kratos's identity/validator.go and schema/): at most 254 chars, local part at most 64, a hostname domain (ASCII labels
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

    /// <summary>
    /// Kratos's <c>email_loose</c> (x/email.go, used by recovery forms): exactly one <c>@</c>, a non-empty local part of
    /// letters, digits, dots and RFC 5322 atext (so <c>foo.@docomo.ne.jp</c> passes), a domain that IDNA accepts, no
    /// whitespace, at most 320 bytes.
    /// </summary>
    public static bool IsLoose(string value)
    {
        if (value.Length == 0 || System.Text.Encoding.UTF8.GetByteCount(value) > 320)
        {
            return false;
        }

        var at = value.IndexOf('@');
        if (at <= 0 || at == value.Length - 1 || value.IndexOf('@', at + 1) >= 0)
        {
            return false;
        }

        foreach (var c in value.AsSpan(0, at))
        {
            if (c != '.' && !IsAtext(c))
            {
                return false;
            }
        }

        try
        {
            var ascii = Idn.GetAscii(value[(at + 1)..]);
            return IsHostname(ascii);
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static readonly System.Globalization.IdnMapping Idn = new() { UseStd3AsciiRules = true };

    // What a hostname and a dot-atom local part are made of (the characters are checked in one vectorized pass; the
    // structure, label by label or dot by dot, after).
    private static readonly System.Buffers.SearchValues<char> HostnameChars =
        System.Buffers.SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-.");

    private static readonly System.Buffers.SearchValues<char> AsciiAtextOrDot =
        System.Buffers.SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$%&'*+-/=?^_`{|}~.");

    /// <summary>An RFC 1123 hostname: optional trailing dot, at most 253 chars, ASCII labels 1–63 chars.</summary>
    public static bool IsHostname(ReadOnlySpan<char> host)
    {
        if (host.Length > 0 && host[^1] == '.')
        {
            host = host[..^1];
        }

        if (host.Length == 0 || host.Length > 253 || host.ContainsAnyExcept(HostnameChars))
        {
            return false;
        }

        while (true)
        {
            var dot = host.IndexOf('.');
            var label = dot < 0 ? host : host[..dot];
            if (label.Length == 0 || label.Length > 63 || label[0] == '-' || label[^1] == '-')
            {
                return false;
            }

            if (dot < 0)
            {
                return true;
            }

            host = host[(dot + 1)..];
        }
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

        if (!local.ContainsAnyExcept(AsciiAtextOrDot))
        {
            return !local.Contains("..", StringComparison.Ordinal);
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
