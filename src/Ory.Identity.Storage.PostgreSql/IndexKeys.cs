namespace Ory.Identity.Storage.PostgreSql;

/// <summary>
/// The unique values of one identity as parallel arrays (ready to bind for <c>unnest</c>), de-duplicated, in the order
/// conflicts are reported: credential identifiers (per credential, in the identity's order), verifiable addresses,
/// recovery addresses, external id.
/// </summary>
internal sealed class IndexKeys
{
    private IndexKeys(
        List<(string Type, string Identifier)> credentials,
        List<(string Via, string Value)> verifiable,
        List<(string Via, string Value)> recovery,
        string? externalId)
    {
        Credentials = credentials;
        Verifiable = verifiable;
        Recovery = recovery;
        ExternalId = externalId;
    }

    public List<(string Type, string Identifier)> Credentials { get; }

    public List<(string Via, string Value)> Verifiable { get; }

    public List<(string Via, string Value)> Recovery { get; }

    public string? ExternalId { get; }

    public static IndexKeys Of(Identity identity)
    {
        var credentials = new List<(string, string)>();
        foreach (var (type, credential) in identity.Credentials)
        {
            foreach (var identifier in credential.Identifiers)
            {
                AddOnce(credentials, (type.Value, identifier));
            }
        }

        var verifiable = new List<(string, string)>(identity.VerifiableAddresses.Count);
        foreach (var address in identity.VerifiableAddresses)
        {
            AddOnce(verifiable, (SqlValues.ViaName(address.Via), address.Value));
        }

        var recovery = new List<(string, string)>(identity.RecoveryAddresses.Count);
        foreach (var address in identity.RecoveryAddresses)
        {
            AddOnce(recovery, (SqlValues.ViaName(address.Via), address.Value));
        }

        return new IndexKeys(credentials, verifiable, recovery, identity.ExternalId);
    }

    /// <summary>The first value of these keys found in <paramref name="taken"/>, in reporting order; null when none.</summary>
    public IdentityConflict? FirstIn(TakenKeys taken)
    {
        foreach (var key in Credentials)
        {
            if (taken.Credentials.Contains(key))
            {
                return new IdentityConflict(IdentityConflictKind.CredentialsIdentifier, key.Type, key.Identifier);
            }
        }

        foreach (var key in Verifiable)
        {
            if (taken.Verifiable.Contains(key))
            {
                return new IdentityConflict(IdentityConflictKind.VerifiableAddress, key.Via, key.Value);
            }
        }

        foreach (var key in Recovery)
        {
            if (taken.Recovery.Contains(key))
            {
                return new IdentityConflict(IdentityConflictKind.RecoveryAddress, key.Via, key.Value);
            }
        }

        if (ExternalId is not null && taken.ExternalIds.Contains(ExternalId))
        {
            return new IdentityConflict(IdentityConflictKind.ExternalId, null, ExternalId);
        }

        return null;
    }

    /// <summary>Marks every value of these keys as taken.</summary>
    public void AddTo(TakenKeys taken)
    {
        taken.Credentials.UnionWith(Credentials);
        taken.Verifiable.UnionWith(Verifiable);
        taken.Recovery.UnionWith(Recovery);
        if (ExternalId is not null)
        {
            taken.ExternalIds.Add(ExternalId);
        }
    }

    private static void AddOnce<T>(List<T> list, T item)
    {
        if (!list.Contains(item))
        {
            list.Add(item);
        }
    }
}

/// <summary>Unique values known to be held (by stored identities, or by earlier items of a batch); ordinal.</summary>
internal sealed class TakenKeys
{
    public HashSet<(string Type, string Identifier)> Credentials { get; } = [];

    public HashSet<(string Via, string Value)> Verifiable { get; } = [];

    public HashSet<(string Via, string Value)> Recovery { get; } = [];

    public HashSet<string> ExternalIds { get; } = new(StringComparer.Ordinal);
}
