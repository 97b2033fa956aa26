namespace Ory.Identity;

/// <summary>The kinds of unique values an identity has.</summary>
public enum IdentityConflictKind
{
    /// <summary>A (credential type, identifier) pair.</summary>
    CredentialsIdentifier,

    /// <summary>A (via, value) pair among verifiable addresses.</summary>
    VerifiableAddress,

    /// <summary>A (via, value) pair among recovery addresses.</summary>
    RecoveryAddress,

    /// <summary>The external id.</summary>
    ExternalId,
}
