namespace Ory.Identity;

/// <summary>
/// A 400: the request breaks the rules of machine identities (our extension): a machine identity cannot have a
/// password or other sign-in credentials, addresses, or recovery links and codes, and only machine identities hold API
/// keys.
/// </summary>
public sealed class MachineIdentityException : InvalidRequestException
{
    private MachineIdentityException(string reason)
        : base(reason)
    {
    }

    /// <summary>A machine identity would get credentials of <paramref name="type"/>.</summary>
    /// <param name="schemaId">The identity's machine schema.</param>
    /// <param name="type">The refused credential type.</param>
    public static MachineIdentityException CredentialsNotAllowed(string schemaId, CredentialsType type) =>
        new($"Identities of the machine schema \"{schemaId}\" cannot have {type} credentials: machine identities authenticate with API keys only.");

    /// <summary>A machine identity would get verifiable or recovery addresses.</summary>
    /// <param name="schemaId">The identity's machine schema.</param>
    public static MachineIdentityException AddressesNotAllowed(string schemaId) =>
        new($"Identities of the machine schema \"{schemaId}\" cannot have verifiable or recovery addresses.");

    /// <summary>A recovery link or code was asked for a machine identity.</summary>
    public static MachineIdentityException RecoveryNotAllowed() =>
        new("This identity is a machine identity: machine identities cannot be recovered; issue it a new API key instead.");

    /// <summary>An API key was asked for an identity whose schema is not a machine schema.</summary>
    /// <param name="schemaId">The identity's schema.</param>
    public static MachineIdentityException ApiKeysNotAllowed(string schemaId) =>
        new($"API keys can only be issued to machine identities, and schema \"{schemaId}\" is not a machine schema (identity.schemas[].kind: machine).");

    /// <summary>An identity holding API keys would move to a schema that is not a machine schema.</summary>
    /// <param name="schemaId">The new schema.</param>
    public static MachineIdentityException ApiKeysOnPerson(string schemaId) =>
        new($"Only machine identities hold API keys, and schema \"{schemaId}\" is not a machine schema: delete the identity's api_key credentials first.");
}
