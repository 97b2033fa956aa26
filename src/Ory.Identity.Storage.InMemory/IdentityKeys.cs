namespace Ory.Identity.Storage.InMemory;

/// <summary>
/// The unique values of one identity, de-duplicated, in the order conflicts are reported: credential identifiers
/// (per credential, in the identity's order), verifiable addresses, recovery addresses, external id.
/// </summary>
internal sealed class IdentityKeys
{
    // Up to this many values are de-duplicated by a linear scan; more go through a hash set.
    private const int LinearLimit = 16;

    private IdentityKeys(
        CredentialKey[] credentials,
        AddressKey[] verifiable,
        AddressKey[] recovery,
        string? externalId)
    {
        Credentials = credentials;
        Verifiable = verifiable;
        Recovery = recovery;
        ExternalId = externalId;
    }

    /// <summary>The (type, identifier) pairs, each once.</summary>
    public CredentialKey[] Credentials { get; }

    /// <summary>The verifiable (via, value) pairs, each once.</summary>
    public AddressKey[] Verifiable { get; }

    /// <summary>The recovery (via, value) pairs, each once.</summary>
    public AddressKey[] Recovery { get; }

    /// <summary>The external id; null when unset.</summary>
    public string? ExternalId { get; }

    /// <summary>Collects the unique values of an identity. Credentials are indexed under their dictionary key.</summary>
    public static IdentityKeys Of(Identity identity)
    {
        return new IdentityKeys(
            CredentialKeysOf(identity.Credentials),
            Distinct(identity.VerifiableAddresses, static a => new AddressKey(a.Via, a.Value)),
            Distinct(identity.RecoveryAddresses, static a => new AddressKey(a.Via, a.Value)),
            identity.ExternalId);
    }

    // One walk over the credentials (each walk allocates an enumerator); the identifiers are walked by index. Sized for
    // the usual one identifier per credential, grown when there are more.
    private static CredentialKey[] CredentialKeysOf(IReadOnlyDictionary<CredentialsType, IdentityCredentials> source)
    {
        if (source.Count == 0)
        {
            return [];
        }

        var keys = new CredentialKey[source.Count];
        HashSet<CredentialKey>? seen = null;
        var n = 0;
        foreach (var (type, credential) in source)
        {
            var identifiers = credential.Identifiers;
            for (var i = 0; i < identifiers.Count; i++)
            {
                var key = new CredentialKey(type.Value, identifiers[i]);
                if (n >= LinearLimit && seen is null)
                {
                    seen = new HashSet<CredentialKey>(keys.AsSpan(0, n).ToArray());
                }

                if (seen?.Add(key) ?? Array.IndexOf(keys, key, 0, n) < 0)
                {
                    if (n == keys.Length)
                    {
                        Array.Resize(ref keys, Math.Max(4, n * 2));
                    }

                    keys[n++] = key;
                }
            }
        }

        if (n < keys.Length)
        {
            Array.Resize(ref keys, n);
        }

        return keys;
    }

    private static AddressKey[] Distinct<T>(IReadOnlyList<T> addresses, Func<T, AddressKey> key)
    {
        var total = addresses.Count;
        if (total == 0)
        {
            return [];
        }

        var keys = new AddressKey[total];
        var seen = total > LinearLimit ? new HashSet<AddressKey>(total) : null;
        var n = 0;
        for (var i = 0; i < total; i++)
        {
            var k = key(addresses[i]);
            if (seen?.Add(k) ?? Array.IndexOf(keys, k, 0, n) < 0)
            {
                keys[n++] = k;
            }
        }

        if (n < total)
        {
            Array.Resize(ref keys, n);
        }

        return keys;
    }
}
