using System.Text.Json.Serialization;

namespace Ory.Identity;

/// <summary>The attributes of an input node (Kratos's <c>uiNodeInputAttributes</c>).</summary>
public sealed partial record UiNodeInputAttributes
{
    /// <summary>The input's name, e.g. <c>email</c>.</summary>
    [JsonPropertyName("name")]
    public required string Name { get; init; }

    /// <summary>The input type: <c>hidden</c>, <c>email</c>, <c>text</c>, <c>submit</c>.</summary>
    [JsonPropertyName("type")]
    public required string InputType { get; init; }

    /// <summary>The value; omitted when none.</summary>
    [JsonPropertyName("value")]
    public string? Value { get; init; }

    /// <summary>Whether the input is required; omitted when not.</summary>
    [JsonPropertyName("required")]
    public bool? Required { get; init; }

    /// <summary>A pattern the value must match; omitted when none.</summary>
    [JsonPropertyName("pattern")]
    public string? Pattern { get; init; }

    /// <summary>The longest value; omitted when unlimited.</summary>
    [JsonPropertyName("maxlength")]
    public int? MaxLength { get; init; }

    /// <summary>The autocomplete hint; omitted when none.</summary>
    [JsonPropertyName("autocomplete")]
    public string? Autocomplete { get; init; }

    /// <summary>Whether the input is disabled.</summary>
    [JsonPropertyName("disabled")]
    public bool Disabled { get; init; }

    /// <summary>Always <c>input</c>.</summary>
    [JsonPropertyName("node_type")]
    public string NodeType { get; init; } = "input";
}
