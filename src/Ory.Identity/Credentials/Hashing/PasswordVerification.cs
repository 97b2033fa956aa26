namespace Ory.Identity;

/// <summary>The outcome of verifying a password against a stored hash.</summary>
/// <param name="Succeeded">Whether the password matches.</param>
/// <param name="NeedsRehash">
/// When succeeded: whether the stored hash should be replaced by <see cref="PasswordHashing.Hash(string)"/> of the same
/// password (another format, or weaker than configured). Always false when not succeeded.
/// </param>
internal readonly record struct PasswordVerification(bool Succeeded, bool NeedsRehash)
{
    public static PasswordVerification Failed { get; } = new(false, false);
}
