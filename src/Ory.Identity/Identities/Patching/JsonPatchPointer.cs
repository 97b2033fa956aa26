namespace Ory.Identity;

/// <summary>RFC 6901 JSON Pointer parsing and array index rules for <see cref="IdentityJsonPatch"/>.</summary>
internal static class JsonPatchPointer
{
    /// <summary>
    /// Splits <paramref name="path"/> into its unescaped reference tokens (<c>~1</c> → <c>/</c>, <c>~0</c> → <c>~</c>).
    /// The empty pointer (the whole document) gives no tokens.
    /// </summary>
    /// <exception cref="InvalidRequestException">The pointer is not valid RFC 6901.</exception>
    public static string[] Parse(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (path.Length == 0)
        {
            return [];
        }

        if (path[0] != '/')
        {
            throw JsonPatchErrors.InvalidPointer(path, "must be empty or start with \"/\"");
        }

        var tokens = path[1..].Split('/');
        for (var i = 0; i < tokens.Length; i++)
        {
            if (tokens[i].Contains('~', StringComparison.Ordinal))
            {
                tokens[i] = Unescape(path, tokens[i]);
            }
        }

        return tokens;
    }

    /// <summary>
    /// Whether the raw last segment of <paramref name="path"/> looks like an array element (<c>-</c> or an integer),
    /// which is how Kratos decides whether a <c>replace</c> stays strict instead of becoming an <c>add</c>.
    /// </summary>
    public static bool IsElementAccess(string path)
    {
        if (path.Length == 0)
        {
            return false;
        }

        var last = path.AsSpan(path.LastIndexOf('/') + 1);
        return last is "-" || int.TryParse(last, System.Globalization.NumberStyles.AllowLeadingSign,
            System.Globalization.CultureInfo.InvariantCulture, out _);
    }

    /// <summary>
    /// Parses an RFC 6901 array index: <c>0</c> or digits without a leading zero. Signs, leading zeros and <c>-</c>
    /// are not indexes.
    /// </summary>
    public static bool TryParseIndex(string token, out int index)
    {
        index = -1;
        if (token.Length == 0 || (token.Length > 1 && token[0] == '0'))
        {
            return false;
        }

        foreach (var c in token)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }
        }

        return int.TryParse(token, System.Globalization.NumberStyles.None,
            System.Globalization.CultureInfo.InvariantCulture, out index);
    }

    private static string Unescape(string path, string token)
    {
        var builder = new System.Text.StringBuilder(token.Length);
        for (var i = 0; i < token.Length; i++)
        {
            var c = token[i];
            if (c != '~')
            {
                builder.Append(c);
                continue;
            }

            if (i + 1 < token.Length && token[i + 1] is '0' or '1')
            {
                builder.Append(token[i + 1] == '0' ? '~' : '/');
                i++;
                continue;
            }

            throw JsonPatchErrors.InvalidPointer(path, "\"~\" must be followed by \"0\" or \"1\"");
        }

        return builder.ToString();
    }
}
