using System.Text.Json.Serialization;

namespace Ory.Identity;

/// <summary>An HTML form or its native equivalent (Kratos's <c>uiContainer</c>).</summary>
public sealed partial record UiContainer
{
    /// <summary>Where the form posts to.</summary>
    [JsonPropertyName("action")]
    public required string Action { get; init; }

    /// <summary>The HTTP method, <c>POST</c>.</summary>
    [JsonPropertyName("method")]
    public required string Method { get; init; }

    /// <summary>The form's fields.</summary>
    [JsonPropertyName("nodes")]
    public required IReadOnlyList<UiNode> Nodes { get; init; }

    /// <summary>Messages for the whole form; omitted when none.</summary>
    [JsonPropertyName("messages")]
    public IReadOnlyList<UiText>? Messages { get; init; }
}
