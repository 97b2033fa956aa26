using System.Text.Json.Serialization;

namespace Ory.Identity;

/// <summary>The flow a <see cref="ContinueWith"/> item points to (Kratos's <c>continueWithSettingsUiFlow</c>).</summary>
public sealed partial record ContinueWithFlow
{
    /// <summary>The flow id.</summary>
    [JsonPropertyName("id")]
    public required Guid Id { get; init; }

    /// <summary>The UI URL showing the flow; omitted when none.</summary>
    [JsonPropertyName("url")]
    public string? Url { get; init; }
}
