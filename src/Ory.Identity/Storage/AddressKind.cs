namespace Ory.Identity.Storage;

/// <summary>The two address lists of an identity, each unique on its own.</summary>
public enum AddressKind
{
    /// <summary><see cref="Identity.VerifiableAddresses"/>.</summary>
    Verifiable,

    /// <summary><see cref="Identity.RecoveryAddresses"/>.</summary>
    Recovery,
}
