namespace Ory.Identity;

/// <summary>
/// A 409: a credential identifier, an address or the external id is already used by another identity.
/// <see cref="Conflict"/> says which kind of value clashed.
/// </summary>
public sealed class IdentityConflictException : OryIdentityException
{
    /// <summary>Kratos's reason for a conflicting create or update.</summary>
    public const string ConflictReason = "This identity conflicts with another identity that already exists.";

    /// <summary>Creates the exception.</summary>
    /// <param name="conflict">Which value clashed.</param>
    public IdentityConflictException(IdentityConflict conflict)
        : base(CreateError(409, OryErrorTexts.Conflict, ConflictReason), $"The identity conflicts with another identity: {conflict}.")
    {
        Conflict = conflict;
    }

    /// <summary>Which value clashed.</summary>
    public IdentityConflict Conflict { get; }
}
