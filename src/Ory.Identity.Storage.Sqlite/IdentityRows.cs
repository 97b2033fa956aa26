namespace Ory.Identity.Storage.Sqlite;

/// <summary>
/// The index rows of one identity, de-duplicated, in the order conflicts are reported: credential identifiers (per
/// credential, in the identity's order), verifiable addresses, recovery addresses, external id.
/// </summary>
internal sealed class IdentityRows
{
    private IdentityRows(
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

    public static IdentityRows Of(Identity identity)
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
            AddOnce(verifiable, (SqliteValues.Via(address.Via), address.Value));
        }

        var recovery = new List<(string, string)>(identity.RecoveryAddresses.Count);
        foreach (var address in identity.RecoveryAddresses)
        {
            AddOnce(recovery, (SqliteValues.Via(address.Via), address.Value));
        }

        return new IdentityRows(credentials, verifiable, recovery, identity.ExternalId);
    }

    // Identities hold a handful of values: a linear scan beats a hash set.
    private static void AddOnce(List<(string, string)> list, (string, string) item)
    {
        foreach (var existing in list)
        {
            if (string.Equals(existing.Item1, item.Item1, StringComparison.Ordinal)
                && string.Equals(existing.Item2, item.Item2, StringComparison.Ordinal))
            {
                return;
            }
        }

        list.Add(item);
    }
}
