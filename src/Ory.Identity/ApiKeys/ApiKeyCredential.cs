using System.Text.Json;
using NodaTime;

namespace Ory.Identity;

/// <summary>
/// The keys of one identity, read from its <c>api_key</c> credential, and the writes that build a new credential from
/// changed records. Identifiers are the ids of every kept record (revoked and expired ones included, so authentication
/// can say why they fail).
/// </summary>
internal static class ApiKeyCredential
{
    /// <summary>The most revoked or expired keys kept per identity; older ones are dropped on the next write.</summary>
    public const int RetainedInactiveKeys = 20;

    /// <summary>The identity's key records, oldest first; empty when it has none (or an unreadable config).</summary>
    public static IReadOnlyList<ApiKeyRecord> RecordsOf(Identity identity)
    {
        if (!identity.Credentials.TryGetValue(CredentialsType.ApiKey, out var credentials)
            || credentials.Config is not { ValueKind: JsonValueKind.Object } config)
        {
            return [];
        }

        try
        {
            return config.Deserialize(OryIdentityJson.TypeInfo<ApiKeyCredentialConfig>())?.Keys ?? [];
        }
        catch (JsonException)
        {
            return [];
        }
    }

    /// <summary>
    /// The identity with its <c>api_key</c> credential rebuilt from <paramref name="records"/> (dropping the oldest
    /// inactive ones beyond <see cref="RetainedInactiveKeys"/>), or without it when none remain.
    /// </summary>
    public static Identity With(Identity identity, IReadOnlyList<ApiKeyRecord> records, Instant now, bool touchesCredential)
    {
        var kept = Prune(records, now);
        var credentials = new Dictionary<CredentialsType, IdentityCredentials>(identity.Credentials);
        if (kept.Count == 0)
        {
            credentials.Remove(CredentialsType.ApiKey);
            return identity with { Credentials = credentials };
        }

        credentials.TryGetValue(CredentialsType.ApiKey, out var existing);
        credentials[CredentialsType.ApiKey] = new IdentityCredentials
        {
            Type = CredentialsType.ApiKey,
            Identifiers = kept.Select(k => k.Id).ToArray(),
            Config = JsonSerializer.SerializeToElement(new ApiKeyCredentialConfig { Keys = kept }, OryIdentityJson.TypeInfo<ApiKeyCredentialConfig>()),
            Version = 0,
            CreatedAt = existing?.CreatedAt ?? now,
            UpdatedAt = touchesCredential || existing is null ? now : existing.UpdatedAt,
        };
        return identity with { Credentials = credentials };
    }

    private static List<ApiKeyRecord> Prune(IReadOnlyList<ApiKeyRecord> records, Instant now)
    {
        var inactive = records.Where(r => r.StateAt(now) != ApiKeyState.Active).ToList();
        if (inactive.Count <= RetainedInactiveKeys)
        {
            return [.. records];
        }

        var dropped = inactive
            .OrderByDescending(r => r.RevokedAt ?? r.ExpiresAt ?? r.CreatedAt)
            .Skip(RetainedInactiveKeys)
            .Select(r => r.Id)
            .ToHashSet(StringComparer.Ordinal);
        return records.Where(r => !dropped.Contains(r.Id)).ToList();
    }
}
