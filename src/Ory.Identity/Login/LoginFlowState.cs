using System.Text.Json.Serialization;

namespace Ory.Identity;

/// <summary>The state of a login flow (Kratos's <c>loginFlowState</c>).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<LoginFlowState>))]
public enum LoginFlowState
{
    /// <summary>Waiting for credentials.</summary>
    [JsonStringEnumMemberName("choose_method")] ChooseMethod,

    /// <summary>A one-time code was sent (code method; not used by the password method).</summary>
    [JsonStringEnumMemberName("sent_email")] SentEmail,

    /// <summary>The login succeeded.</summary>
    [JsonStringEnumMemberName("passed_challenge")] PassedChallenge,
}
