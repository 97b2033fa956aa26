using System.Text.Json.Serialization;

namespace Ory.Identity;

/// <summary>The state of a settings flow (Kratos's <c>settingsFlowState</c>).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<SettingsFlowState>))]
public enum SettingsFlowState
{
    /// <summary>The form is shown; nothing was saved yet.</summary>
    [JsonStringEnumMemberName("show_form")] ShowForm,

    /// <summary>An update was saved (further updates still work).</summary>
    [JsonStringEnumMemberName("success")] Success,
}
