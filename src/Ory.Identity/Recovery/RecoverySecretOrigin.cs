namespace Ory.Identity;

/// <summary>Who issued a recovery token or code; only self-service secrets verify the address they were sent to.</summary>
public enum RecoverySecretOrigin
{
    /// <summary>Issued by an administrator (<see cref="IRecoveryLinkIssuer"/>): bound to no address, verifies nothing.</summary>
    Admin,

    /// <summary>Sent to a recovery address by a self-service flow: redeeming it verifies that address.</summary>
    SelfService,
}
