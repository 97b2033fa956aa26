namespace Ory.Identity.Storage.PostgreSql;

/// <summary>Unique values known to be held (by stored identities, or by earlier items of a batch); ordinal.</summary>
internal sealed class TakenKeys
{
    public HashSet<(string Type, string Identifier)> Credentials { get; } = [];

    public HashSet<(string Via, string Value)> Verifiable { get; } = [];

    public HashSet<(string Via, string Value)> Recovery { get; } = [];

    public HashSet<string> ExternalIds { get; } = new(StringComparer.Ordinal);

    /// <summary>Whether the value <paramref name="candidate"/> names is taken.</summary>
    public bool Holds(IdentityConflict candidate) => candidate.Kind switch
    {
        IdentityConflictKind.CredentialsIdentifier => Credentials.Contains((candidate.Discriminator!, candidate.Value)),
        IdentityConflictKind.VerifiableAddress => Verifiable.Contains((candidate.Discriminator!, candidate.Value)),
        IdentityConflictKind.RecoveryAddress => Recovery.Contains((candidate.Discriminator!, candidate.Value)),
        _ => ExternalIds.Contains(candidate.Value),
    };

    /// <summary>Whether one of the batch's ids is already stored (read with the values when asked for).</summary>
    public bool AnyIdStored { get; set; }
}
