namespace Ory.Identity;

/// <summary>
/// Decides whether a new password may be used (Kratos's password validator: minimum length, similarity to the
/// identifiers, breached-password check). Applied by the settings flow (and later registration), never by admin create
/// or import, as in Kratos. Replace it to add your own rules.
/// </summary>
public interface IPasswordPolicy
{
    /// <summary>Checks a new password; returns null when it may be used, else Kratos's message for the <c>password</c> node (e.g. 4000032).</summary>
    /// <param name="password">The new password. A secret.</param>
    /// <param name="identifiers">The identity's password identifiers (e.g. its email), for the similarity check.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    ValueTask<UiText?> ValidateAsync(string password, IReadOnlyCollection<string> identifiers, CancellationToken cancellationToken = default);
}
