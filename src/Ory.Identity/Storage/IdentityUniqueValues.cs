namespace Ory.Identity.Storage;

/// <summary>
/// The values of one identity that must be unique across identities, de-duplicated, in the order stores report
/// conflicts: credential identifiers (per credential, in the identity's order), verifiable addresses, recovery addresses,
/// external id. Addresses carry their channel's wire name (<c>email</c>/<c>sms</c>), the discriminator of an
/// <see cref="IdentityConflict"/>. For store implementations.
/// </summary>
public sealed class IdentityUniqueValues
{
    private IdentityUniqueValues(
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

    /// <summary>(credential type, identifier) pairs.</summary>
    public IReadOnlyList<(string Type, string Identifier)> Credentials { get; }

    /// <summary>(via, value) pairs of verifiable addresses.</summary>
    public IReadOnlyList<(string Via, string Value)> Verifiable { get; }

    /// <summary>(via, value) pairs of recovery addresses.</summary>
    public IReadOnlyList<(string Via, string Value)> Recovery { get; }

    /// <summary>The external id; null when none.</summary>
    public string? ExternalId { get; }

    /// <summary>
    /// Every value as the conflict a store reports when another identity holds it, in reporting order: credential
    /// identifiers, verifiable addresses, recovery addresses, the external id. A store names the first one held
    /// (<c>ConflictsInReportingOrder().FirstOrDefault(held)</c>), so every store names the same value for the same clash.
    /// </summary>
    public IEnumerable<IdentityConflict> ConflictsInReportingOrder()
    {
        foreach (var (type, identifier) in Credentials)
        {
            yield return new IdentityConflict(IdentityConflictKind.CredentialsIdentifier, type, identifier);
        }

        foreach (var (via, value) in Verifiable)
        {
            yield return new IdentityConflict(IdentityConflictKind.VerifiableAddress, via, value);
        }

        foreach (var (via, value) in Recovery)
        {
            yield return new IdentityConflict(IdentityConflictKind.RecoveryAddress, via, value);
        }

        if (ExternalId is not null)
        {
            yield return new IdentityConflict(IdentityConflictKind.ExternalId, null, ExternalId);
        }
    }

    /// <summary>Collects the unique values of an identity.</summary>
    /// <param name="identity">The identity.</param>
    public static IdentityUniqueValues Of(Identity identity)
    {
        ArgumentNullException.ThrowIfNull(identity);
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
            AddOnce(verifiable, (ViaName(address.Via), address.Value));
        }

        var recovery = new List<(string, string)>(identity.RecoveryAddresses.Count);
        foreach (var address in identity.RecoveryAddresses)
        {
            AddOnce(recovery, (ViaName(address.Via), address.Value));
        }

        return new IdentityUniqueValues(credentials, verifiable, recovery, identity.ExternalId);
    }

    /// <summary>The wire name of an address channel: <c>email</c> or <c>sms</c>.</summary>
    /// <param name="via">The channel.</param>
    public static string ViaName(AddressVia via) => via switch
    {
        AddressVia.Email => "email",
        AddressVia.Sms => "sms",
        _ => throw new ArgumentOutOfRangeException(nameof(via), via, "Unknown address channel."),
    };

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
