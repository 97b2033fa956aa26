using System.Text.Json;

namespace Ory.Identity;

/// <summary>Values and JSON type names as Kratos's validator (ory/jsonschema) prints them (quoting is <see cref="GoFormat.Quote"/>).</summary>
internal static class KratosErrorText
{
    /// <summary>A JSON value as Go's <c>%v</c>/<c>%q</c> would show it in a message: strings quoted, others raw.</summary>
    public static string Show(JsonElement value) =>
        value.ValueKind == JsonValueKind.String ? GoFormat.Quote(value.GetString()!) : value.GetRawText();

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
