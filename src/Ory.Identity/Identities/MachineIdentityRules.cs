namespace Ory.Identity;

/// <summary>
/// The rules every write checks after deriving: an identity of a machine schema holds no credentials but API keys (and,
/// as its schema marks nothing, no addresses); an identity of a person schema holds no API keys.
/// </summary>
internal static class MachineIdentityRules
{
    /// <summary>Returns <paramref name="identity"/> when it follows the rules of its schema's kind.</summary>
    /// <exception cref="MachineIdentityException">It does not.</exception>
    public static Identity Enforce(Identity identity, IdentitySchemaKind kind)
    {
        if (kind == IdentitySchemaKind.Machine)
        {
            foreach (var type in identity.Credentials.Keys)
            {
                if (type != CredentialsType.ApiKey)
                {
                    throw MachineIdentityException.CredentialsNotAllowed(identity.SchemaId, type);
                }
            }

            if (identity.VerifiableAddresses.Count > 0 || identity.RecoveryAddresses.Count > 0)
            {
                throw MachineIdentityException.AddressesNotAllowed(identity.SchemaId);
            }
        }
        else if (identity.Credentials.ContainsKey(CredentialsType.ApiKey))
        {
            throw MachineIdentityException.ApiKeysOnPerson(identity.SchemaId);
        }

        return identity;
    }
}
