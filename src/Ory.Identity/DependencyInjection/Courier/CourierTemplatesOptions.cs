using Microsoft.Extensions.Configuration;

namespace Ory.Identity;

/// <summary>
/// <c>courier.templates</c>: Kratos's keys for the recovery templates (<c>recovery.valid</c>, <c>recovery.invalid</c>,
/// <c>recovery_code.valid</c>, <c>recovery_code.invalid</c>) and our <c>invite</c>. What is not configured keeps its
/// built-in text.
/// </summary>
public sealed class CourierTemplatesOptions
{
    /// <summary><c>recovery</c>: the link method's messages (<c>recovery_valid</c>, <c>recovery_invalid</c>).</summary>
    [ConfigurationKeyName("recovery")]
    public CourierTemplateVariantsOptions Recovery { get; set; } = new();

    /// <summary><c>recovery_code</c>: the code method's messages (<c>recovery_code_valid</c>, <c>recovery_code_invalid</c>).</summary>
    [ConfigurationKeyName("recovery_code")]
    public CourierTemplateVariantsOptions RecoveryCode { get; set; } = new();

    /// <summary><c>invite</c> (ours): the message <see cref="IInvitationSender"/> sends.</summary>
    [ConfigurationKeyName("invite")]
    public CourierTemplateOptions Invite { get; set; } = new();
}
