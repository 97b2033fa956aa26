namespace Ory.Identity.Storage.InMemory;

/// <summary>
/// The unique values of one identity, de-duplicated, in the order conflicts are reported: credential identifiers
/// (per credential, in the identity's order), verifiable addresses, recovery addresses, external id.
/// </summary>
internal sealed class IdentityKeys
{
    private IdentityKeys(
        List<CredentialKey> credentials,
        List<AddressKey> verifiable,
        List<AddressKey> recovery,
        string? externalId)
    {
        Credentials = credentials;
        Verifiable = verifiable;
        Recovery = recovery;
        ExternalId = externalId;
    }

    /// <summary>The (type, identifier) pairs, each once.</summary>
    public List<CredentialKey> Credentials { get; }

    /// <summary>The verifiable (via, value) pairs, each once.</summary>
    public List<AddressKey> Verifiable { get; }

    /// <summary>The recovery (via, value) pairs, each once.</summary>
    public List<AddressKey> Recovery { get; }

    /// <summary>The external id; null when unset.</summary>
    public string? ExternalId { get; }

    /// <summary>Collects the unique values of an identity. Credentials are indexed under their dictionary key.</summary>
    public static IdentityKeys Of(Identity identity)
    {
        var credentials = new List<CredentialKey>();
        if (identity.Credentials.Count > 0)
        {
            var seen = new HashSet<CredentialKey>();
            foreach (var (type, credential) in identity.Credentials)
            {
                foreach (var identifier in credential.Identifiers)
                {
                    var key = new CredentialKey(type.Value, identifier);
                    if (seen.Add(key))
                    {
                        credentials.Add(key);
                    }
                }
            }
        }

        return new IdentityKeys(
            credentials,
            Distinct(identity.VerifiableAddresses, static a => new AddressKey(a.Via, a.Value)),
            Distinct(identity.RecoveryAddresses, static a => new AddressKey(a.Via, a.Value)),
            identity.ExternalId);
    }

    private static List<AddressKey> Distinct<T>(IReadOnlyList<T> addresses, Func<T, AddressKey> key)
    {
        var keys = new List<AddressKey>(addresses.Count);
        foreach (var address in addresses)
        {
            var k = key(address);
            if (!keys.Contains(k))
            {
                keys.Add(k);
            }
        }

        return keys;
    }
}
