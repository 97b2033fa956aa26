namespace Ory.Identity.Storage.InMemory;

/// <summary>
/// Whether a stored record matches what a read asked for: the filters of an <see cref="IdentityStoreQuery"/>, and the
/// re-check of an index hit against the identity's current record (an index may briefly point at an identity that is
/// not published yet or no longer holds the value). Every string compares ordinally.
/// </summary>
internal static class IdentityFilter
{
    /// <summary>
    /// Whether <paramref name="identity"/> passes every filter of <paramref name="query"/> (not the keyset position).
    /// <paramref name="credentialTypes"/> are the credential types that may hold identifiers.
    /// </summary>
    public static bool Matches(Identity identity, IdentityStoreQuery query, string[] credentialTypes)
    {
        if (query.OrganizationId is { } organization && identity.OrganizationId != organization)
        {
            return false;
        }

        if (query.SchemaId is { } schemaId && !string.Equals(identity.SchemaId, schemaId, StringComparison.Ordinal))
        {
            return false;
        }

        if (query.Ids is not null && !query.Ids.Contains(identity.Id))
        {
            return false;
        }

        if (query.CredentialsIdentifiers is { } identifiers && !HoldsAnyIdentifier(identity, identifiers, credentialTypes))
        {
            return false;
        }

        return query.CredentialsIdentifierPrefix is not { } prefix || HoldsIdentifierWithPrefix(identity, prefix);
    }

    /// <summary>Whether the identity's <paramref name="type"/> credential has <paramref name="identifier"/>.</summary>
    public static bool HoldsIdentifier(Identity identity, CredentialsType type, string identifier)
    {
        if (!identity.Credentials.TryGetValue(type, out var credential))
        {
            return false;
        }

        foreach (var candidate in credential.Identifiers)
        {
            if (string.Equals(candidate, identifier, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether the identity has the address among its <paramref name="kind"/> addresses.</summary>
    public static bool HoldsAddress(Identity identity, AddressKind kind, AddressVia via, string value)
    {
        if (kind == AddressKind.Verifiable)
        {
            foreach (var address in identity.VerifiableAddresses)
            {
                if (address.Via == via && string.Equals(address.Value, value, StringComparison.Ordinal))
                {
                    return true;
                }
            }

            return false;
        }

        foreach (var address in identity.RecoveryAddresses)
        {
            if (address.Via == via && string.Equals(address.Value, value, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    // Looks the credentials up by the types ever indexed (every type that holds identifiers is one), which allocates
    // nothing, instead of enumerating the identity's credentials.
    private static bool HoldsAnyIdentifier(Identity identity, IReadOnlyCollection<string> values, string[] credentialTypes)
    {
        foreach (var type in credentialTypes)
        {
            if (!identity.Credentials.TryGetValue(new CredentialsType(type), out var credential))
            {
                continue;
            }

            var identifiers = credential.Identifiers;
            for (var i = 0; i < identifiers.Count; i++)
            {
                // Contains goes through ICollection<T> (lists, arrays, sets) without an enumerator; strings compare ordinally.
                if (values.Contains(identifiers[i]))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static bool HoldsIdentifierWithPrefix(Identity identity, string prefix)
    {
        foreach (var credential in identity.Credentials.Values)
        {
            foreach (var identifier in credential.Identifiers)
            {
                if (identifier.StartsWith(prefix, StringComparison.Ordinal))
                {
                    return true;
                }
            }
        }

        return false;
    }
}
