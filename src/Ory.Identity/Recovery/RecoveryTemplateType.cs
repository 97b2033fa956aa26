using System.Text.Json.Serialization;

namespace Ory.Identity;

/// <summary>Kratos's courier template of a recovery message.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<RecoveryTemplateType>))]
public enum RecoveryTemplateType
{
    /// <summary>A recovery link for a known address (<c>recovery_valid</c>).</summary>
    [JsonStringEnumMemberName("recovery_valid")] RecoveryValid,

    /// <summary>"Account access attempted" for an unknown address, link method (<c>recovery_invalid</c>).</summary>
    [JsonStringEnumMemberName("recovery_invalid")] RecoveryInvalid,

    /// <summary>A recovery code for a known address (<c>recovery_code_valid</c>).</summary>
    [JsonStringEnumMemberName("recovery_code_valid")] RecoveryCodeValid,

    /// <summary>"Account access attempted" for an unknown address, code method (<c>recovery_code_invalid</c>).</summary>
    [JsonStringEnumMemberName("recovery_code_invalid")] RecoveryCodeInvalid,

    /// <summary>
    /// An invitation with a recovery link, sent by <see cref="IInvitationSender"/> (<c>invite</c>; Ory.Identity's own,
    /// Kratos has no server-sent invites).
    /// </summary>
    [JsonStringEnumMemberName("invite")] Invite,
}
