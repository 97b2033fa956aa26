using Microsoft.Extensions.Configuration;

namespace Ory.Identity;

/// <summary><c>api_keys</c> (our extension of kratos.yml): limits and bookkeeping of machine identities' API keys.</summary>
public sealed class ApiKeyOptions
{
    /// <summary>
    /// <c>api_keys.max_active_per_identity</c>: how many unexpired, unrevoked keys one identity may hold (1 to 100).
    /// Default 10: enough to rotate with an overlap, few enough to notice forgotten keys.
    /// </summary>
    [ConfigurationKeyName("max_active_per_identity")]
    public int MaxActivePerIdentity { get; set; } = 10;

    /// <summary>
    /// <c>api_keys.max_lifespan</c>: the longest a key may be valid, as a Go duration (<c>"2160h"</c>); keys issued
    /// without an expiry get this one. Empty (default): keys may be issued without expiry.
    /// </summary>
    [ConfigurationKeyName("max_lifespan")]
    public string MaxLifespan { get; set; } = string.Empty;

    /// <summary>
    /// <c>api_keys.last_used_at_interval</c>: how often noted key uses are written to the store, as a Go duration
    /// (at least 1s). Default <c>1m</c>: authentication never writes per request.
    /// </summary>
    [ConfigurationKeyName("last_used_at_interval")]
    public string LastUsedAtInterval { get; set; } = "1m";

    internal IReadOnlyList<string> Validate()
    {
        _ = ApiKeySettings.TryCreate(this, out _, out var errors);
        return errors;
    }
}
