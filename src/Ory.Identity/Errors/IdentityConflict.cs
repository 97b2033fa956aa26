namespace Ory.Identity;

/// <summary>
/// Which unique value of an identity clashed with another identity. <see cref="Value"/> is available to the caller but
/// is never printed by <see cref="ToString"/>, since it is personal data.
/// </summary>
/// <param name="Kind">The kind of value.</param>
/// <param name="Discriminator">The credential type for identifiers, the channel (<c>email</c>/<c>sms</c>) for addresses; null for the external id.</param>
/// <param name="Value">The clashing (normalized) value.</param>
public sealed record IdentityConflict(IdentityConflictKind Kind, string? Discriminator, string Value)
{
    /// <summary>Prints the kind and discriminator only.</summary>
    public override string ToString() => Discriminator is null ? Kind.ToString() : $"{Kind} ({Discriminator})";
}
