using System.Globalization;
using System.Text.Json;

namespace Ory.Identity.QuickStart.SelfServiceUi;

/// <summary>
/// Renders a flow's <c>ui</c> generically, as Kratos's reference UI does: the flow's messages, then one form per method
/// group (each also holding the <c>default</c> group's nodes, such as <c>csrf_token</c>) posting straight to
/// <c>ui.action</c>. A new method needs no code here.
/// </summary>
internal static class FlowForms
{
    // Inputs whose value is a secret the page must never echo, whatever the server sends.
    private static readonly HashSet<string> SecretNames = new(StringComparer.Ordinal) { "password", "code", "token", "totp_code", "lookup_secret" };

    /// <summary>Writes the messages and forms of <paramref name="ui"/>.</summary>
    public static void Write(Html html, JsonElement ui)
    {
        var messages = UiMessages.Of(ui);
        html.Raw("<div class=\"messages\" data-testid=\"ui/messages\">\n");
        UiMessages.Write(html, messages, "ui-message");
        html.Raw("</div>\n");

        var nodes = ui.TryGetProperty("nodes", out var array) && array.ValueKind == JsonValueKind.Array
            ? array.EnumerateArray().Select(n => new UiNodeView(n)).ToList()
            : [];
        var groups = nodes.Select(n => n.Group).Where(g => g != "default").Distinct(StringComparer.Ordinal).ToList();
        if (groups.Count == 0)
        {
            groups.Add("default");
        }

        var forms = groups.Select(g => (Group: g, Nodes: nodes.Where(n => n.Group == "default" || n.Group == g).ToList())).ToList();
        var focus = FirstInvalidOrFirstField(forms);
        var action = String(ui, "action") ?? string.Empty;
        var method = String(ui, "method") ?? "POST";
        foreach (var (group, members) in forms)
        {
            html.Raw("<form").Attribute("action", action).Attribute("method", method)
                .Attribute("data-testid", "ui/form/" + group).Raw(">\n");
            if (group != "default")
            {
                html.Raw("<fieldset><legend>").Text(GroupTitle(group)).Raw("</legend>\n");
            }

            foreach (var node in members)
            {
                WriteNode(html, group, node, ReferenceEquals(node, focus.Node) && group == focus.Group);
            }

            html.Raw(group != "default" ? "</fieldset>\n</form>\n" : "</form>\n");
        }
    }

    private static (string? Group, UiNodeView? Node) FirstInvalidOrFirstField(List<(string Group, List<UiNodeView> Nodes)> forms)
    {
        var fields = forms.SelectMany(f => f.Nodes.Where(n => n.IsField).Select(n => (Group: (string?)f.Group, Node: (UiNodeView?)n))).ToList();
        var invalid = fields.FirstOrDefault(f => UiMessages.HasError(f.Node!.Messages));
        return invalid.Node is not null ? invalid : fields.FirstOrDefault();
    }

    private static void WriteNode(Html html, string group, UiNodeView node, bool autofocus)
    {
        var id = ElementId(group, node.Name);
        switch (node.Type)
        {
            case "input":
                WriteInput(html, id, node, autofocus);
                break;
            case "text":
                html.Raw("<p").Attribute("id", id).Attribute("data-testid", "ui/text/" + node.AttributeTextId("text")).Raw(">")
                    .Text(node.AttributeText("text")).Raw("</p>\n");
                UiMessages.Write(html, node.Messages, id + "-message");
                break;
            case "a":
                html.Raw("<p><a").Attribute("href", node.Attribute("href")).Attribute("id", node.Attribute("id")).Raw(">")
                    .Text(node.AttributeText("title") ?? node.Attribute("href")).Raw("</a></p>\n");
                break;
            case "img":
                html.Raw("<p><img").Attribute("src", node.Attribute("src")).Attribute("alt", node.Label ?? string.Empty)
                    .Attribute("width", node.Attribute("width")).Attribute("height", node.Attribute("height")).Raw("></p>\n");
                break;
            default:
                // "script" and unknown node types: no JavaScript on these pages.
                break;
        }
    }

    private static void WriteInput(Html html, string id, UiNodeView node, bool autofocus)
    {
        var type = node.InputType;
        var value = type == "password" || SecretNames.Contains(node.Name) && type is not ("submit" or "button" or "hidden") ? null : node.Attribute("value");
        if (type == "hidden")
        {
            html.Raw("<input type=\"hidden\"").Attribute("name", node.Name).Attribute("value", value).Raw(">\n");
            return;
        }

        var label = node.Label ?? node.Name;
        if (type is "submit" or "button")
        {
            html.Raw("<button").Attribute("type", type).Attribute("name", node.Name).Attribute("value", value)
                .Flag("disabled", node.Flag("disabled")).Raw(">").Text(label).Raw("</button>\n");
            UiMessages.Write(html, node.Messages, id + "-message");
            return;
        }

        var messages = node.Messages;
        html.Raw("<div class=\"field\">\n");
        var checkbox = type == "checkbox";
        if (!checkbox)
        {
            html.Raw("<label").Attribute("for", id).Raw(">").Text(label).Raw("</label>\n");
        }

        var described = new Html();
        UiMessages.Write(described, messages, id + "-message");
        var messageIds = Enumerable.Range(0, messages.Count).Select(i => $"{id}-message-{i}").ToList();
        html.Raw("<input").Attribute("id", id).Attribute("type", type).Attribute("name", node.Name)
            .Attribute("value", checkbox ? "true" : value)
            .Flag("checked", checkbox && value == "true")
            .Flag("required", node.Flag("required")).Flag("disabled", node.Flag("disabled"))
            .Attribute("autocomplete", node.Attribute("autocomplete")).Attribute("pattern", node.Attribute("pattern"))
            .Attribute("maxlength", node.Attribute("maxlength"))
            .Attribute("aria-describedby", messageIds.Count > 0 ? string.Join(' ', messageIds) : null)
            .Attribute("aria-invalid", UiMessages.HasError(messages) ? "true" : null)
            .Flag("autofocus", autofocus).Raw(">\n");
        if (checkbox)
        {
            html.Raw("<label").Attribute("for", id).Raw(">").Text(label).Raw("</label>\n");
        }

        html.Raw(described.ToString()).Raw("</div>\n");
    }

    /// <summary>A form-unique element id: the group and the node's name, with characters outside [A-Za-z0-9._-] as '-'.</summary>
    private static string ElementId(string group, string name) =>
        string.Create(CultureInfo.InvariantCulture, $"{group}-{new string([.. name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' ? c : '-')])}");

    private static string GroupTitle(string group) => group switch
    {
        "password" => "Password",
        "profile" => "Profile",
        "code" => "Code",
        "link" => "Link",
        "oidc" => "Social sign-in",
        "totp" => "Authenticator app",
        "lookup_secret" => "Backup codes",
        "webauthn" or "passkey" => "Security key",
        _ => char.ToUpperInvariant(group[0]) + group[1..],
    };

    private static string? String(JsonElement owner, string name) =>
        owner.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
