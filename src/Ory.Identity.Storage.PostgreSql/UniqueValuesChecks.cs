namespace Ory.Identity.Storage.PostgreSql;

/// <summary>Checks an identity's unique values against the values known to be taken, for batch imports.</summary>
internal static class UniqueValuesChecks
{
    /// <summary>The first value of these keys found in <paramref name="taken"/>, in reporting order; null when none.</summary>
    public static IdentityConflict? FirstIn(this IdentityUniqueValues keys, TakenKeys taken)
    {
        foreach (var key in keys.Credentials)
        {
            if (taken.Credentials.Contains(key))
            {
                return new IdentityConflict(IdentityConflictKind.CredentialsIdentifier, key.Type, key.Identifier);
            }
        }

        foreach (var key in keys.Verifiable)
        {
            if (taken.Verifiable.Contains(key))
            {
                return new IdentityConflict(IdentityConflictKind.VerifiableAddress, key.Via, key.Value);
            }
        }

        foreach (var key in keys.Recovery)
        {
            if (taken.Recovery.Contains(key))
            {
                return new IdentityConflict(IdentityConflictKind.RecoveryAddress, key.Via, key.Value);
            }
        }

        if (keys.ExternalId is not null && taken.ExternalIds.Contains(keys.ExternalId))
        {
            return new IdentityConflict(IdentityConflictKind.ExternalId, null, keys.ExternalId);
        }

        return null;
    }

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
