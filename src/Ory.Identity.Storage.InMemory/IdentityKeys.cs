namespace Ory.Identity.Storage.InMemory;

/// <summary>
/// The unique values of one identity, de-duplicated, in the order conflicts are reported: credential identifiers
/// (per credential, in the identity's order), verifiable addresses, recovery addresses, external id.
/// </summary>
/// <remarks>
/// A reusable buffer: the store keeps one or two and uses them only under its write lock. <see cref="Load"/> replaces
/// the content, so computing keys allocates nothing once the buffers have grown; <see cref="Clear"/> drops the values
/// so that they do not outlive the operation.
/// </remarks>
internal sealed class IdentityKeys
{
    private readonly KeyBuffer<CredentialKey> _credentials = new();
    private readonly KeyBuffer<AddressKey> _verifiable = new();
    private readonly KeyBuffer<AddressKey> _recovery = new();

    /// <summary>The (type, identifier) pairs, each once.</summary>
    public ReadOnlySpan<CredentialKey> Credentials => _credentials.Items;

    /// <summary>The verifiable (via, value) pairs, each once.</summary>
    public ReadOnlySpan<AddressKey> Verifiable => _verifiable.Items;

    /// <summary>The recovery (via, value) pairs, each once.</summary>
    public ReadOnlySpan<AddressKey> Recovery => _recovery.Items;

    /// <summary>The external id; null when unset.</summary>
    public string? ExternalId { get; private set; }

    /// <summary>Replaces the content with the unique values of <paramref name="identity"/>; credentials are indexed under their dictionary key.</summary>
    public IdentityKeys Load(Identity identity)
    {
        Clear();
        var hashes = default(RecentHashes);
        var credentials = identity.Credentials;
        if (credentials.Count == 1 && credentials.TryGetValue(CredentialsType.Password, out var password))
        {
            // The usual single password credential, read without an enumerator.
            AddCredential(CredentialsType.Password, password, ref hashes);
        }
        else
        {
            foreach (var (type, credential) in credentials)
            {
                AddCredential(type, credential, ref hashes);
            }
        }

        var verifiable = identity.VerifiableAddresses;
        for (var i = 0; i < verifiable.Count; i++)
        {
            var value = verifiable[i].Value;
            _verifiable.AddDistinct(new AddressKey(verifiable[i].Via, value, hashes.Of(value)));
        }

        var recovery = identity.RecoveryAddresses;
        for (var i = 0; i < recovery.Count; i++)
        {
            var value = recovery[i].Value;
            _recovery.AddDistinct(new AddressKey(recovery[i].Via, value, hashes.Of(value)));
        }

        ExternalId = identity.ExternalId;
        return this;
    }

    private void AddCredential(CredentialsType type, IdentityCredentials credential, ref RecentHashes hashes)
    {
        var identifiers = credential.Identifiers;
        for (var i = 0; i < identifiers.Count; i++)
        {
            var identifier = identifiers[i];
            _credentials.AddDistinct(new CredentialKey(type.Value, identifier, hashes.Of(identifier)));
        }
    }

    /// <summary>Forgets the loaded values.</summary>
    public void Clear()
    {
        _credentials.Clear();
        _verifiable.Clear();
        _recovery.Clear();
        ExternalId = null;
    }

    // The ordinal hashes of the last two strings hashed. An identity's email is usually its password identifier, its
    // verifiable address and its recovery address at once, so it is hashed once instead of three times.
    private struct RecentHashes
    {
        private string? _first;
        private string? _second;
        private int _firstHash;
        private int _secondHash;

        public int Of(string value)
        {
            if (string.Equals(value, _first, StringComparison.Ordinal))
            {
                return _firstHash;
            }

            if (string.Equals(value, _second, StringComparison.Ordinal))
            {
                return _secondHash;
            }

            var hash = StringComparer.Ordinal.GetHashCode(value);
            (_second, _secondHash) = (_first, _firstHash);
            (_first, _firstHash) = (value, hash);
            return hash;
        }
    }
}
