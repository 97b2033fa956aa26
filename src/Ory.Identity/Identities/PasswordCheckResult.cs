namespace Ory.Identity;

/// <summary>The outcome of <see cref="IIdentityManager.VerifyPasswordAsync"/>.</summary>
/// <param name="Succeeded">Whether the password matched.</param>
/// <param name="Rehashed">Whether the stored hash was upgraded to the configured algorithm or parameters on this success.</param>
/// <param name="IdentityId">The identity signed in; null when the check failed.</param>
public sealed record PasswordCheckResult(bool Succeeded, bool Rehashed, Guid? IdentityId)
{
    /// <summary>A failed check: unknown identifier, no password, or a wrong password (indistinguishable on purpose).</summary>
    public static PasswordCheckResult Failed { get; } = new(false, false, null);
}
