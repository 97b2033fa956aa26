using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Ory.Identity;

/// <summary>
/// A courier template parsed once at start, in the part of Go's text/template syntax (which Kratos's courier templates
/// use, courier/template/load_template.go) that mail texts need: literal text and <c>{{ .Field }}</c> actions, with the
/// <c>{{-</c> and <c>-}}</c> whitespace trims. Fields are the template data of Kratos's messages (<c>.To</c>,
/// <c>.RecoveryURL</c>, <c>.RecoveryCode</c>, <c>.ExpiresInMinutes</c>, <c>.RequestURL</c>) and the identity
/// (<c>.Identity.id</c>, <c>.Identity.schema_id</c>, <c>.Identity.state</c>, <c>.Identity.external_id</c>,
/// <c>.Identity.traits.&lt;path&gt;</c>, <c>.Identity.metadata_public.&lt;path&gt;</c>). An HTML template escapes every
/// inserted value as Go's html/template does for text.
/// </summary>
internal sealed class CourierTemplate
{
    private const string Identity = "Identity";
    private static readonly string[] IdentityKeys = ["id", "schema_id", "state", "external_id", "traits", "metadata_public"];
    private static readonly string[] JsonKeys = ["traits", "metadata_public"];
    private static readonly SearchValues<char> HtmlSpecial = SearchValues.Create("&<>\"'\0");

    private readonly IReadOnlyList<Segment> _segments;
    private readonly bool _html;

    private CourierTemplate(IReadOnlyList<Segment> segments, bool html)
    {
        _segments = segments;
        _html = html;
    }

    /// <summary>The fields a template of <paramref name="type"/> may use (Kratos's template data of that type).</summary>
    public static IReadOnlyList<string> FieldsOf(RecoveryTemplateType type) => type switch
    {
        RecoveryTemplateType.RecoveryValid or RecoveryTemplateType.Invite => ["To", "RecoveryURL", "ExpiresInMinutes", "RequestURL", Identity],
        RecoveryTemplateType.RecoveryCodeValid => ["To", "RecoveryCode", "ExpiresInMinutes", "RequestURL", Identity],
        _ => ["To", "RequestURL"],
    };

    /// <summary>Parses <paramref name="text"/>; false with a message naming the line and the problem when it is malformed.</summary>
    /// <param name="text">The template.</param>
    /// <param name="type">The template type, which decides the fields allowed.</param>
    /// <param name="html">Whether inserted values are HTML-escaped.</param>
    /// <param name="template">The parsed template.</param>
    /// <param name="error">What is wrong, with its line.</param>
    public static bool TryParse(string text, RecoveryTemplateType type, bool html, out CourierTemplate? template, out string? error)
    {
        var fields = FieldsOf(type);
        var segments = new List<Segment>();
        var position = 0;
        template = null;
        while (position < text.Length)
        {
            var open = text.IndexOf("{{", position, StringComparison.Ordinal);
            if (open < 0)
            {
                segments.Add(Segment.Text(text[position..]));
                break;
            }

            var close = text.IndexOf("}}", open + 2, StringComparison.Ordinal);
            if (close < 0)
            {
                error = $"line {Line(text, open)}: unclosed action (a \"{{{{\" without \"}}}}\").";
                return false;
            }

            var inner = text[(open + 2)..close];
            var trimBefore = inner.Length >= 2 && inner[0] == '-' && char.IsWhiteSpace(inner[1]);
            var trimAfter = inner.Length >= 2 && inner[^1] == '-' && char.IsWhiteSpace(inner[^2]);
            var action = inner[(trimBefore ? 1 : 0)..(inner.Length - (trimAfter ? 1 : 0))].Trim();
            var literal = text[position..open];
            segments.Add(Segment.Text(trimBefore ? literal.TrimEnd() : literal));

            var path = ParsePath(action);
            if (path is null)
            {
                error = $"line {Line(text, open)}: unsupported action \"{{{{{inner}}}}}\": only field actions such as {{{{ .To }}}} are supported.";
                return false;
            }

            var problem = CheckPath(path, fields);
            if (problem is not null)
            {
                error = $"line {Line(text, open)}: {problem}";
                return false;
            }

            segments.Add(Segment.Field(path));
            position = close + 2;
            if (trimAfter)
            {
                while (position < text.Length && char.IsWhiteSpace(text[position]))
                {
                    position++;
                }
            }
        }

        error = null;
        template = new CourierTemplate(segments.Where(s => s.Path is not null || s.Literal!.Length > 0).ToList(), html);
        return true;
    }

    /// <summary>Renders the template with the data of <paramref name="message"/> and <paramref name="identity"/>.</summary>
    /// <param name="message">The message: recipient, link or code, lifespan, request URL.</param>
    /// <param name="identity">The identity the message is about; null for unknown addresses (its fields render empty).</param>
    public string Render(RecoveryMessage message, Identity? identity)
    {
        var text = new StringBuilder();
        foreach (var segment in _segments)
        {
            if (segment.Path is null)
            {
                text.Append(segment.Literal);
                continue;
            }

            var value = Value(segment.Path, message, identity);
            text.Append(_html ? HtmlEscape(value) : value);
        }

        return text.ToString();
    }

    private static string Value(string[] path, RecoveryMessage message, Identity? identity) => path[0] switch
    {
        "To" => message.Recipient,
        "RecoveryURL" => message.RecoveryUrl ?? string.Empty,
        "RecoveryCode" => message.RecoveryCode ?? string.Empty,
        "ExpiresInMinutes" => message.ExpiresInMinutes?.ToString(CultureInfo.InvariantCulture) ?? string.Empty,
        "RequestURL" => message.RequestUrl,
        _ when identity is null => string.Empty,
        _ => path[1] switch
        {
            "id" => identity.Id.ToString(),
            "schema_id" => identity.SchemaId,
            "state" => identity.State == IdentityState.Active ? "active" : "inactive",
            "external_id" => identity.ExternalId ?? string.Empty,
            "traits" => JsonValue(identity.Traits, path.AsSpan(2)),
            _ => identity.MetadataPublic is { } metadata ? JsonValue(metadata, path.AsSpan(2)) : string.Empty,
        },
    };

    // A missing key renders empty (Go would print "<no value>"); objects and arrays render as JSON.
    private static string JsonValue(JsonElement element, ReadOnlySpan<string> path)
    {
        foreach (var key in path)
        {
            if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(key, out element))
            {
                return string.Empty;
            }
        }

        return element.ValueKind switch
        {
            JsonValueKind.String => element.GetString() ?? string.Empty,
            JsonValueKind.Null or JsonValueKind.Undefined => string.Empty,
            _ => element.GetRawText(),
        };
    }

    // ".Name(.name)*" with Go identifiers; null for anything else (pipelines, functions, if, range, comments).
    private static string[]? ParsePath(string action)
    {
        if (action.Length < 2 || action[0] != '.')
        {
            return null;
        }

        var parts = action[1..].Split('.');
        return parts.All(IsIdentifier) ? parts : null;
    }

    private static bool IsIdentifier(string part) =>
        part.Length > 0 && (char.IsAsciiLetter(part[0]) || part[0] == '_') && part.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');

    private static string? CheckPath(string[] path, IReadOnlyList<string> fields)
    {
        if (!fields.Contains(path[0], StringComparer.Ordinal))
        {
            return $"unknown field \".{path[0]}\": this template has {string.Join(", ", fields.Select(f => "." + f))}.";
        }

        if (path[0] != Identity)
        {
            return path.Length == 1 ? null : $"\".{string.Join('.', path)}\": .{path[0]} has no fields.";
        }

        if (path.Length < 2 || !IdentityKeys.Contains(path[1], StringComparer.Ordinal))
        {
            return $"\".{string.Join('.', path)}\": use one of {string.Join(", ", IdentityKeys.Select(k => ".Identity." + k))}.";
        }

        return path.Length == 2 || JsonKeys.Contains(path[1], StringComparer.Ordinal)
            ? null
            : $"\".{string.Join('.', path)}\": .Identity.{path[1]} has no fields.";
    }

    private static int Line(string text, int index) => text.AsSpan(0, index).Count('\n') + 1;

    // Go's html/template escaping of text: & < > " ' (and NUL).
    private static string HtmlEscape(string value)
    {
        if (value.AsSpan().IndexOfAny(HtmlSpecial) < 0)
        {
            return value;
        }

        var escaped = new StringBuilder(value.Length + 16);
        foreach (var c in value)
        {
            _ = c switch
            {
                '&' => escaped.Append("&amp;"),
                '<' => escaped.Append("&lt;"),
                '>' => escaped.Append("&gt;"),
                '"' => escaped.Append("&#34;"),
                '\'' => escaped.Append("&#39;"),
                '\0' => escaped.Append('\uFFFD'),
                _ => escaped.Append(c),
            };
        }

        return escaped.ToString();
    }

    private sealed record Segment(string? Literal, string[]? Path)
    {
        public static Segment Text(string literal) => new(literal, null);

        public static Segment Field(string[] path) => new(null, path);
    }
}
