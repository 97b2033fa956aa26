using NodaTime;

namespace Ory.Identity;

/// <summary>An address an identity can recover its account through (Kratos's <c>recoveryIdentityAddress</c>).</summary>
public sealed partial record RecoveryAddress
{
    /// <summary>The address's id.</summary>
    public required Guid Id { get; init; }

    /// <summary>The normalized address: a lower-cased email or an E.164 phone number.</summary>
    public required string Value { get; init; }

    /// <summary>The channel of the address.</summary>
    public required AddressVia Via { get; init; }

    /// <summary>When the address was created.</summary>
    public required Instant CreatedAt { get; init; }

    /// <summary>When the address was last changed.</summary>
    public required Instant UpdatedAt { get; init; }

    /// <summary>An organization whose SSO enforcement this address may bypass; omitted when null.</summary>
    public Guid? BreakGlassForOrganization { get; init; }

    /// <inheritdoc />
    public override string ToString() => $"RecoveryAddress {{ Id = {Id}, Via = {Via} }}";
}
