namespace Ory.Identity;

/// <summary>
/// The identity is inactive, so it cannot recover its account (400, id <c>identity_disabled</c>, reason
/// "This account was disabled."; UI message 4010011).
/// </summary>
public sealed class IdentityDisabledException : RecoveryException
{
    /// <summary>Creates the exception.</summary>
    public IdentityDisabledException()
        : base(Build(400, "identity is disabled", "This account was disabled.", "identity_disabled"), RecoveryTexts.AccountDisabled)
    {
    }
}
