using NodaTime;

namespace Ory.Identity;

/// <summary>
/// What a settings or login flow stores besides its typed columns (<see cref="Storage.SelfServiceFlowRecord.Document"/>):
/// the method last used, the messages to show, and for login whether it refreshes a session. Holds no password,
/// identifier or trait value, so submitted values live only in the flow an operation returns.
/// </summary>
internal sealed record SelfServiceFlowDocument
{
    /// <summary>The method last used (<c>password</c>, <c>profile</c>); null until one is used.</summary>
    public string? Active { get; init; }

    /// <summary>The flow's own messages (<c>ui.messages</c>); null when none.</summary>
    public IReadOnlyList<UiText>? Messages { get; init; }

    /// <summary>Messages by node name (e.g. <c>password</c>, <c>traits.email</c>); null when none.</summary>
    public Dictionary<string, IReadOnlyList<UiText>>? NodeMessages { get; init; }

    /// <summary>Login: whether the flow re-authenticates the session that started it.</summary>
    public bool Refresh { get; init; }

    /// <summary>When the flow was last written; null until it is updated.</summary>
    public Instant? UpdatedAt { get; init; }

    /// <summary>The messages of one node; empty when none.</summary>
    public IReadOnlyList<UiText> MessagesOf(string node) =>
        NodeMessages is not null && NodeMessages.TryGetValue(node, out var messages) ? messages : [];

    /// <summary>
    /// This document after a refused submission: <paramref name="messages"/> replace the previous ones (a message with
    /// an empty node name is the flow's own), <paramref name="active"/> is kept when null.
    /// </summary>
    public SelfServiceFlowDocument Refused(string? active, (string Node, UiText Message)[] messages, Instant now)
    {
        var global = messages.Where(m => m.Node.Length == 0).Select(m => m.Message).ToArray();
        var byNode = messages.Where(m => m.Node.Length > 0)
            .GroupBy(m => m.Node, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<UiText>)g.Select(m => m.Message).ToArray(), StringComparer.Ordinal);
        return this with
        {
            Active = active ?? Active,
            Messages = global.Length > 0 ? global : null,
            NodeMessages = byNode.Count > 0 ? byNode : null,
            UpdatedAt = now,
        };
    }

    /// <summary>Reads a stored document.</summary>
    public static SelfServiceFlowDocument Read(string json) =>
        System.Text.Json.JsonSerializer.Deserialize(json, OryIdentityJson.TypeInfo<SelfServiceFlowDocument>()) ?? new SelfServiceFlowDocument();

    /// <summary>The JSON to store.</summary>
    public string Write() => OryIdentityJson.Serialize(this);
}
