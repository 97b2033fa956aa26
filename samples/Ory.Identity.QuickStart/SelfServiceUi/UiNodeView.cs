using System.Globalization;
using System.Text.Json;

namespace Ory.Identity.QuickStart.SelfServiceUi;

/// <summary>One of a flow's <c>ui.nodes</c>, read from the JSON as any Kratos version writes it.</summary>
internal sealed class UiNodeView(JsonElement node)
{
    /// <summary>The node type: <c>input</c>, <c>text</c>, <c>a</c>, <c>img</c> or <c>script</c>.</summary>
    public string Type => String(node, "type") ?? "input";

    /// <summary>The method group (<c>default</c>, <c>password</c>, <c>profile</c>, <c>code</c>, …).</summary>
    public string Group => String(node, "group") ?? "default";

    /// <summary>The input's <c>name</c>.</summary>
    public string Name => Attribute("name") ?? string.Empty;

    /// <summary>The input's <c>type</c> (<c>text</c>, <c>email</c>, <c>password</c>, <c>hidden</c>, <c>submit</c>, …).</summary>
    public string InputType => Attribute("type") ?? "text";

    /// <summary>Whether this input is shown and typed into (not hidden, not a button).</summary>
    public bool IsField => Type == "input" && InputType is not ("hidden" or "submit" or "button");

    /// <summary>The label's text (<c>meta.label.text</c>); null when the node has none.</summary>
    public string? Label =>
        node.TryGetProperty("meta", out var meta) && meta.ValueKind == JsonValueKind.Object && meta.TryGetProperty("label", out var label)
            ? String(label, "text")
            : null;

    /// <summary>The node's messages.</summary>
    public IReadOnlyList<JsonElement> Messages => UiMessages.Of(node);

    /// <summary>An attribute as text (numbers and booleans as JSON writes them); null when absent or null.</summary>
    public string? Attribute(string name)
    {
        if (!node.TryGetProperty("attributes", out var attributes) || !attributes.TryGetProperty(name, out var value))
        {
            return null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Number => value.GetRawText(),
            JsonValueKind.True => "true",
            JsonValueKind.False => "false",
            _ => null,
        };
    }

    /// <summary>Whether a boolean attribute is true.</summary>
    public bool Flag(string name) => Attribute(name) == "true";

    /// <summary>The <c>text</c> of a nested UI text attribute (<c>attributes.text.text</c>, <c>attributes.title.text</c>).</summary>
    public string? AttributeText(string name) =>
        node.TryGetProperty("attributes", out var attributes) && attributes.TryGetProperty(name, out var text) && text.ValueKind == JsonValueKind.Object
            ? String(text, "text")
            : null;

    /// <summary>The nested UI text's id, for a stable test id.</summary>
    public string AttributeTextId(string name) =>
        node.TryGetProperty("attributes", out var attributes) && attributes.TryGetProperty(name, out var text) && text.ValueKind == JsonValueKind.Object
            && text.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.Number
            ? id.GetInt64().ToString(CultureInfo.InvariantCulture)
            : "0";

    private static string? String(JsonElement owner, string name) =>
        owner.ValueKind == JsonValueKind.Object && owner.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
