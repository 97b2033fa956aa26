using System.Globalization;
using System.Text.Json;

namespace Ory.Identity.QuickStart.SelfServiceUi;

/// <summary>
/// Renders Kratos's UI texts (<c>{"id":4060005,"text":…,"type":"error"}</c>): one element each, carrying
/// <c>data-testid="ui/message/&lt;id&gt;"</c> as Kratos's reference UI does; errors are <c>role="alert"</c>.
/// </summary>
internal static class UiMessages
{
    /// <summary>The messages of a <c>messages</c> array; empty when it is missing or null.</summary>
    public static IReadOnlyList<JsonElement> Of(JsonElement owner) =>
        owner.ValueKind == JsonValueKind.Object && owner.TryGetProperty("messages", out var messages) && messages.ValueKind == JsonValueKind.Array
            ? [.. messages.EnumerateArray()]
            : [];

    /// <summary>Whether any of <paramref name="messages"/> is an error.</summary>
    public static bool HasError(IReadOnlyList<JsonElement> messages) => messages.Any(m => TypeOf(m) == "error");

    /// <summary>Writes each message as a <c>p</c> with the element id <c>{idPrefix}-{index}</c>; returns those ids.</summary>
    public static IReadOnlyList<string> Write(Html html, IReadOnlyList<JsonElement> messages, string idPrefix)
    {
        var ids = new List<string>(messages.Count);
        for (var i = 0; i < messages.Count; i++)
        {
            var message = messages[i];
            var type = TypeOf(message);
            var elementId = $"{idPrefix}-{i}";
            ids.Add(elementId);
            html.Raw("<p").Attribute("id", elementId).Attribute("class", "message " + type)
                .Attribute("data-testid", "ui/message/" + IdOf(message)).Attribute("data-type", type)
                .Attribute("role", type == "error" ? "alert" : "status")
                .Raw(">").Text(TextOf(message)).Raw("</p>\n");
        }

        return ids;
    }

    /// <summary>The text's <c>text</c>.</summary>
    public static string TextOf(JsonElement message) =>
        message.ValueKind == JsonValueKind.Object && message.TryGetProperty("text", out var text) && text.ValueKind == JsonValueKind.String ? text.GetString()! : string.Empty;

    private static string IdOf(JsonElement message) =>
        message.ValueKind == JsonValueKind.Object && message.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.Number
            ? id.GetInt64().ToString(CultureInfo.InvariantCulture)
            : "0";

    private static string TypeOf(JsonElement message) =>
        message.ValueKind == JsonValueKind.Object && message.TryGetProperty("type", out var type) && type.GetString() is "error" or "success" ? type.GetString()! : "info";
}
