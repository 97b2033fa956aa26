namespace Ory.Identity;

/// <summary>
/// Counts how often a password appears in known data breaches. The default asks a k-anonymity range API
/// (<c>selfservice.methods.password.config.haveibeenpwned_host</c>) with only the first five hex digits of the
/// password's SHA-1, so the password never leaves the process.
/// </summary>
public interface IBreachedPasswordChecker
{
    /// <summary>How many breaches contain the password; 0 when none.</summary>
    /// <param name="password">The password. A secret.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <exception cref="BreachedPasswordCheckException">The range API could not be asked or answered nonsense.</exception>
    ValueTask<long> CountBreachesAsync(string password, CancellationToken cancellationToken = default);
}
