using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Ory.Identity;

/// <summary>Go-style quoting and JSON type names, as Kratos's validator (ory/jsonschema) prints them.</summary>
internal static class KratosErrorText
{
    /// <summary>Go's <c>%q</c> of a string: double-quoted with <c>\"</c>, <c>\\</c> and control characters escaped.</summary>
    public static string Quote(string value)
    {
        var builder = new StringBuilder(value.Length + 2).Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': builder.Append("\\\""); break;
                case '\\': builder.Append("\\\\"); break;
                case '\n': builder.Append("\\n"); break;
                case '\r': builder.Append("\\r"); break;
                case '\t': builder.Append("\\t"); break;
                default:
                    if (c < 0x20 || c == 0x7F)
                    {
                        builder.Append("\\x").Append(((int)c).ToString("x2", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        builder.Append(c);
                    }

                    break;
            }
        }

        return builder.Append('"').ToString();
    }

    /// <summary>A JSON value as Go's <c>%v</c>/<c>%q</c> would show it in a message: strings quoted, others raw.</summary>
    public static string Show(JsonElement value) =>
        value.ValueKind == JsonValueKind.String ? Quote(value.GetString()!) : value.GetRawText();

    /// <summary>A value's string form for the extension (<c>fmt.Sprintf("%s")</c>-like): strings as is, others raw JSON.</summary>
    public static string AsText(JsonElement value) =>
        value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText();

    /// <summary>The JSON type name ory/jsonschema reports (numbers are always <c>number</c>).</summary>
    public static string TypeOf(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => "object",
        JsonValueKind.Array => "array",
        JsonValueKind.String => "string",
        JsonValueKind.Number => "number",
        JsonValueKind.True or JsonValueKind.False => "boolean",
        _ => "null",
    };
}
