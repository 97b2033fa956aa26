namespace Ory.Identity;

/// <summary>
/// A 400 from <see cref="IInvitationSender"/>: the identity cannot be invited by message (our extension). Machine
/// identities are refused with <see cref="MachineIdentityException"/>, disabled recovery with
/// <see cref="RecoveryDisabledException"/>.
/// </summary>
public sealed class InvitationRefusedException : InvalidRequestException
{
    /// <summary>The reason when the identity has no email recovery address.</summary>
    public const string NoRecoveryAddressReason =
        "The identity has no email recovery address to send the invitation to: mark an email trait as a recovery address in its schema, or create a recovery link (POST /admin/recovery/link) and deliver it yourself.";

    private InvitationRefusedException(string reason)
        : base(reason)
    {
    }

    /// <summary>The identity has no email recovery address.</summary>
    public static InvitationRefusedException NoRecoveryAddress() => new(NoRecoveryAddressReason);
}
