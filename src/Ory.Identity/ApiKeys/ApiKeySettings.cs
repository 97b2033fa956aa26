using NodaTime;

namespace Ory.Identity;

/// <summary><see cref="ApiKeyOptions"/> parsed and checked once.</summary>
internal sealed record ApiKeySettings
{
    public const int MaxActiveLimit = 100;

    public required int MaxActivePerIdentity { get; init; }

    public Duration? MaxLifespan { get; init; }

    public required Duration LastUsedAtInterval { get; init; }

    public static ApiKeySettings Create(OryIdentityOptions options) =>
        TryCreate(options.ApiKeys, out var settings, out var errors) ? settings : throw new InvalidOperationException(string.Join(" ", errors));

    public static bool TryCreate(ApiKeyOptions options, out ApiKeySettings settings, out IReadOnlyList<string> errors)
    {
        var failures = new List<string>();
        if (options.MaxActivePerIdentity is < 1 or > MaxActiveLimit)
        {
            failures.Add($"api_keys.max_active_per_identity must be between 1 and {MaxActiveLimit}, got {options.MaxActivePerIdentity}.");
        }

        Duration? maxLifespan = null;
        if (!string.IsNullOrWhiteSpace(options.MaxLifespan))
        {
            if (GoDuration.TryParse(options.MaxLifespan, out var parsed) && parsed > Duration.Zero)
            {
                maxLifespan = parsed;
            }
            else
            {
                failures.Add($"api_keys.max_lifespan must be a positive Go duration such as \"2160h\", got \"{options.MaxLifespan}\".");
            }
        }

        if (!GoDuration.TryParse(options.LastUsedAtInterval, out var interval) || interval < Duration.FromSeconds(1))
        {
            failures.Add($"api_keys.last_used_at_interval must be a Go duration of at least 1s such as \"1m\", got \"{options.LastUsedAtInterval}\".");
        }

        errors = failures;
        settings = new ApiKeySettings { MaxActivePerIdentity = options.MaxActivePerIdentity, MaxLifespan = maxLifespan, LastUsedAtInterval = interval };
        return failures.Count == 0;
    }
}
