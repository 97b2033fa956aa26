using System.Text.Json;

namespace Ory.Identity;

/// <summary>
/// Reads credential import configs with Go's <c>encoding/json</c> rules as Kratos decodes them: unknown fields are
/// refused (<c>json: unknown field "x"</c>), keys match case-insensitively, the last duplicate wins, <c>null</c> means
/// absent, and a wrong JSON type is a 400 naming the field and the expected type (never the value).
/// </summary>
internal static class ImportJson
{
    /// <summary>The object at <paramref name="element"/> (absent or null reads as <c>{}</c>), with only the allowed keys.</summary>
    public static JsonElement? Object(JsonElement? element, string path, params string[] allowedKeys)
    {
        if (element is not { } value || value.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Object)
        {
            throw Mismatch(value, path, "object");
        }

        foreach (var property in value.EnumerateObject())
        {
            if (!allowedKeys.Contains(property.Name, StringComparer.OrdinalIgnoreCase))
            {
                throw InvalidRequestException.WithMessage($"json: unknown field \"{property.Name}\"");
            }
        }

        return value;
    }

    public static JsonElement? Property(JsonElement? obj, string key)
    {
        if (obj is not { } value)
        {
            return null;
        }

        JsonElement? found = null;
        foreach (var property in value.EnumerateObject())
        {
            if (string.Equals(property.Name, key, StringComparison.OrdinalIgnoreCase))
            {
                found = property.Value;
            }
        }

        return found is { ValueKind: JsonValueKind.Null } ? null : found;
    }

    public static string? String(JsonElement? obj, string key, string path)
    {
        var value = Property(obj, key);
        return value switch
        {
            null => null,
            { ValueKind: JsonValueKind.String } s => s.GetString(),
            { } other => throw Mismatch(other, $"{path}.{key}", "string"),
        };
    }

    public static bool Bool(JsonElement? obj, string key, string path)
    {
        var value = Property(obj, key);
        return value switch
        {
            null => false,
            { ValueKind: JsonValueKind.True } => true,
            { ValueKind: JsonValueKind.False } => false,
            { } other => throw Mismatch(other, $"{path}.{key}", "bool"),
        };
    }

    public static JsonElement[] Array(JsonElement? obj, string key, string path)
    {
        var value = Property(obj, key);
        return value switch
        {
            null => [],
            { ValueKind: JsonValueKind.Array } a => [.. a.EnumerateArray()],
            { } other => throw Mismatch(other, $"{path}.{key}", "array"),
        };
    }

    /// <summary>A Go <c>[]byte</c> field: standard padded base64 text.</summary>
    public static byte[]? Bytes(JsonElement? obj, string key, string path)
    {
        var text = String(obj, key, path);
        if (text is null)
        {
            return null;
        }

        return GoBase64.TryDecode(text, padded: true, strict: false, out var bytes)
            ? bytes
            : throw InvalidRequestException.WithMessage($"json: illegal base64 data in field {path}.{key}");
    }

    public static InvalidRequestException Mismatch(JsonElement value, string path, string type) =>
        InvalidRequestException.WithMessage($"json: cannot unmarshal {KindOf(value)} into Go struct field {path} of type {type}");

    private static string KindOf(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => "string",
        JsonValueKind.Number => "number",
        JsonValueKind.True or JsonValueKind.False => "bool",
        JsonValueKind.Array => "array",
        _ => "object",
    };
}
