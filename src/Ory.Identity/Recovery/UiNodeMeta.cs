using System.Text.Json.Serialization;

namespace Ory.Identity;

/// <summary>Presentation data of a node (Kratos's <c>uiNodeMeta</c>).</summary>
public sealed partial record UiNodeMeta
{
    /// <summary>The label; omitted when none.</summary>
    [JsonPropertyName("label")]
    public UiText? Label { get; init; }
}
