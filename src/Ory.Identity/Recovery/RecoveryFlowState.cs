using System.Text.Json.Serialization;

namespace Ory.Identity;

/// <summary>The state of a recovery flow (Kratos's <c>recoveryFlowState</c>).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<RecoveryFlowState>))]
public enum RecoveryFlowState
{
    /// <summary>Waiting for the user to enter an address.</summary>
    [JsonStringEnumMemberName("choose_method")] ChooseMethod,

    /// <summary>A link or code was sent (or pretended to be sent, for unknown addresses); waiting for it.</summary>
    [JsonStringEnumMemberName("sent_email")] SentEmail,

    /// <summary>A valid link or code was redeemed.</summary>
    [JsonStringEnumMemberName("passed_challenge")] PassedChallenge,
}
