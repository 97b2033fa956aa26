using System.Text.Json;
using System.Text.Json.Serialization;

namespace Ory.Identity;

/// <summary>A message for a UI, with Kratos's stable id (Kratos's <c>uiText</c>), e.g. 4060004.</summary>
public sealed partial record UiText
{
    /// <summary>Kratos's message id.</summary>
    [JsonPropertyName("id")]
    public required long Id { get; init; }

    /// <summary>The text, in American English.</summary>
    [JsonPropertyName("text")]
    public required string Text { get; init; }

    /// <summary><c>info</c>, <c>error</c> or <c>success</c>.</summary>
    [JsonPropertyName("type")]
    public required string Type { get; init; }

    /// <summary>Values the text was built from, for translations; null when none.</summary>
    [JsonPropertyName("context")]
    public JsonElement? Context { get; init; }
}
