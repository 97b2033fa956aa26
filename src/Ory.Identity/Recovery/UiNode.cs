using System.Text.Json.Serialization;

namespace Ory.Identity;

/// <summary>One field of a form (Kratos's <c>uiNode</c>; inputs only).</summary>
public sealed partial record UiNode
{
    /// <summary>The node type, <c>input</c>.</summary>
    [JsonPropertyName("type")]
    public string Type { get; init; } = "input";

    /// <summary>The group: <c>default</c>, <c>link</c> or <c>code</c>.</summary>
    [JsonPropertyName("group")]
    public required string Group { get; init; }

    /// <summary>The input's attributes.</summary>
    [JsonPropertyName("attributes")]
    public required UiNodeInputAttributes Attributes { get; init; }

    /// <summary>Messages for this field (e.g. "Enter a valid email address").</summary>
    [JsonPropertyName("messages")]
    public IReadOnlyList<UiText> Messages { get; init; } = [];

    /// <summary>Its label and other presentation data.</summary>
    [JsonPropertyName("meta")]
    public UiNodeMeta Meta { get; init; } = new();
}
