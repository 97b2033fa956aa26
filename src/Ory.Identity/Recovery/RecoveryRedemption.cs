namespace Ory.Identity;

/// <summary>
/// A successful recovery: the identity is signed in with a new session (as Kratos's
/// selfservice/strategy/{code,link}/strategy_recovery.go do) and may now set a new password or another login method
/// through <see cref="SettingsFlow"/>, the settings flow the recovery opened.
/// </summary>
/// <param name="IdentityId">The recovered identity.</param>
/// <param name="Method">Link or code.</param>
/// <param name="Flow">The flow, now <see cref="RecoveryFlowState.PassedChallenge"/>.</param>
/// <param name="AddressVerified">Whether the redemption verified the address the secret was sent to (self-service only).</param>
public sealed record RecoveryRedemption(Guid IdentityId, RecoveryMethod Method, RecoveryFlow Flow, bool AddressVerified)
{
    /// <summary>
    /// The settings flow opened for the recovered identity (same type as the recovery flow, its <c>return_to</c>, message
    /// 1060001 naming the privileged window of <see cref="Session"/>); null when the recovery request URL said
    /// <c>skip_settings=true</c>.
    /// </summary>
    public SettingsFlow? SettingsFlow { get; init; }

    /// <summary>
    /// The session the recovery issued: one authentication method, <c>code_recovery</c> or <c>link_recovery</c>, at
    /// aal1. Its token is a secret, shown only here.
    /// </summary>
    public required IssuedSession Session { get; init; }
}
