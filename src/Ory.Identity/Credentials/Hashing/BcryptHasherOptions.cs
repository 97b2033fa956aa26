using Microsoft.Extensions.Configuration;

namespace Ory.Identity;

/// <summary><c>hashers.bcrypt</c>.</summary>
public sealed class BcryptHasherOptions
{
    /// <summary>The lowest cost used for new hashes; lower configured values are raised to it.</summary>
    public const int MinimumEffectiveCost = 12;

    /// <summary>
    /// <c>cost</c>: the bcrypt work factor, 4–15 (Kratos's schema allows up to 31, but Kratos and Ory.Identity refuse to
    /// verify bcrypt hashes above cost 15, so a higher value would produce unusable hashes). Default 12. Values below 12
    /// are raised to 12, as Kratos does outside its <c>--dev</c> mode.
    /// </summary>
    [ConfigurationKeyName("cost")]
    public int Cost { get; set; } = MinimumEffectiveCost;
}
