namespace Ory.Identity.Storage.PostgreSql;

/// <summary>Checks an identity's unique values against the values known to be taken, for batch imports.</summary>
internal static class UniqueValuesChecks
{
    /// <summary>The first value of these keys found in <paramref name="taken"/>, in reporting order; null when none.</summary>
    public static IdentityConflict? FirstIn(this IdentityUniqueValues keys, TakenKeys taken) =>
        keys.ConflictsInReportingOrder().FirstOrDefault(taken.Holds);

    /// <summary>Marks every value of these keys as taken.</summary>
    public static void AddTo(this IdentityUniqueValues keys, TakenKeys taken)
    {
        taken.Credentials.UnionWith(keys.Credentials);
        taken.Verifiable.UnionWith(keys.Verifiable);
        taken.Recovery.UnionWith(keys.Recovery);
        if (keys.ExternalId is not null)
        {
            taken.ExternalIds.Add(keys.ExternalId);
        }
    }
}
