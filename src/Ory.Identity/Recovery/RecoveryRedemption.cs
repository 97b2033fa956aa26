namespace Ory.Identity;

/// <summary>
/// A successful recovery: the identity may now set a new password or another login method (for example through
/// <see cref="IIdentityManager.UpdateAsync"/>), as Kratos's settings flow would offer.
/// </summary>
/// <param name="IdentityId">The recovered identity.</param>
/// <param name="Method">Link or code.</param>
/// <param name="Flow">The flow, now <see cref="RecoveryFlowState.PassedChallenge"/>.</param>
/// <param name="AddressVerified">Whether the redemption verified the address the secret was sent to (self-service only).</param>
public sealed record RecoveryRedemption(Guid IdentityId, RecoveryMethod Method, RecoveryFlow Flow, bool AddressVerified);
