using System.Text.Json;

namespace Ory.Identity;

/// <summary>
/// The form inputs of an identity schema's traits, one per leaf property, named <c>traits.&lt;path&gt;</c>, in the
/// schema's order (Kratos's ui/container NodesFromJSONSchema and ui/node/attributes_input.go NewInputFieldFromSchema):
/// the input type follows the JSON type and <c>format</c>, the label is 1070002 only when the schema gives a
/// <c>title</c>.
/// </summary>
internal static class TraitNodes
{
    private const int MaxDepth = 32;

    /// <summary>The nodes of <paramref name="schema"/>'s traits in <paramref name="group"/>, with values from <paramref name="traits"/>.</summary>
    public static List<UiNode> Create(IdentitySchema schema, JsonElement? traits, string group, Func<string, IReadOnlyList<UiText>> messagesOf)
    {
        var nodes = new List<UiNode>();
        var root = schema.Document;
        if (Resolve(root, root, 0) is { } top
            && top.TryGetProperty("properties", out var properties)
            && properties.ValueKind == JsonValueKind.Object
            && properties.TryGetProperty("traits", out var traitsSchema))
        {
            Walk(root, traitsSchema, "traits", traits, required: false, group, messagesOf, nodes, depth: 0);
        }

        return nodes;
    }

    /// <summary>The title of the schema property at <paramref name="pointer"/> (e.g. a password identifier); null when none.</summary>
    public static string? TitleAt(IdentitySchema schema, string pointer) =>
        JsonPointerResolver.Resolve(schema.Document, pointer) is { } node
        && Resolve(schema.Document, node, 0) is { ValueKind: JsonValueKind.Object } resolved
        && resolved.TryGetProperty("title", out var title) && title.ValueKind == JsonValueKind.String
        && title.GetString() is { Length: > 0 } text
            ? text
            : null;

    private static void Walk(
        JsonElement root,
        JsonElement node,
        string name,
        JsonElement? value,
        bool required,
        string group,
        Func<string, IReadOnlyList<UiText>> messagesOf,
        List<UiNode> nodes,
        int depth)
    {
        if (depth > MaxDepth || Resolve(root, node, 0) is not { ValueKind: JsonValueKind.Object } schema)
        {
            return;
        }

        if (schema.TryGetProperty("properties", out var properties) && properties.ValueKind == JsonValueKind.Object)
        {
            var requiredNames = schema.TryGetProperty("required", out var list) && list.ValueKind == JsonValueKind.Array
                ? list.EnumerateArray().Where(r => r.ValueKind == JsonValueKind.String).Select(r => r.GetString()!).ToHashSet(StringComparer.Ordinal)
                : [];
            foreach (var property in properties.EnumerateObject())
            {
                JsonElement? child = value is { ValueKind: JsonValueKind.Object } v && v.TryGetProperty(property.Name, out var c) ? c : null;
                Walk(root, property.Value, $"{name}.{property.Name}", child, requiredNames.Contains(property.Name), group, messagesOf, nodes, depth + 1);
            }

            return;
        }

        if (name == "traits")
        {
            return;
        }

        nodes.Add(Input(schema, name, value, required, group, messagesOf(name)));
    }

    private static UiNode Input(JsonElement schema, string name, JsonElement? value, bool required, string group, IReadOnlyList<UiText> messages)
    {
        var type = StringOf(schema, "type") switch
        {
            "number" or "integer" => "number",
            "boolean" => "checkbox",
            _ => "text",
        };
        string? autocomplete = null;
        switch (StringOf(schema, "format"))
        {
            case "date-time":
                type = "datetime-local";
                break;
            case "email":
                type = "email";
                autocomplete = "email";
                break;
            case "tel":
                type = "tel";
                autocomplete = "tel";
                break;
            case "date":
                type = "date";
                break;
            case "uri":
                type = "url";
                autocomplete = "url";
                break;
        }

        var title = StringOf(schema, "title");
        return new UiNode
        {
            Group = group,
            Attributes = new UiNodeInputAttributes
            {
                Name = name,
                InputType = type,
                Value = value is { } v ? ValueText(v) : null,
                Required = required ? true : null,
                Pattern = StringOf(schema, "pattern"),
                Autocomplete = autocomplete,
            },
            Messages = messages,
            Meta = new UiNodeMeta { Label = string.IsNullOrEmpty(title) ? null : SelfServiceTexts.Generated(title, name) },
        };
    }

    // A node's value is text here (UiNodeInputAttributes.Value); a non-string trait keeps its JSON form.
    private static string? ValueText(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Null or JsonValueKind.Undefined => null,
        _ => value.GetRawText(),
    };

    private static string? StringOf(JsonElement schema, string keyword) =>
        schema.TryGetProperty(keyword, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    // Follows local "$ref"s ("#/definitions/x") inside the schema document.
    private static JsonElement? Resolve(JsonElement root, JsonElement node, int depth)
    {
        if (node.ValueKind == JsonValueKind.Object
            && node.TryGetProperty("$ref", out var reference)
            && reference.ValueKind == JsonValueKind.String
            && reference.GetString() is { } pointer
            && pointer.StartsWith('#'))
        {
            return depth < MaxDepth && JsonPointerResolver.Resolve(root, pointer) is { } target ? Resolve(root, target, depth + 1) : null;
        }

        return node;
    }
}
