using NodaTime;

namespace Ory.Identity;

/// <summary>An address of an identity that can be verified (Kratos's <c>verifiableIdentityAddress</c>).</summary>
public sealed partial record VerifiableAddress
{
    /// <summary>The address's id.</summary>
    public required Guid Id { get; init; }

    /// <summary>The normalized address: a lower-cased email or an E.164 phone number.</summary>
    public required string Value { get; init; }

    /// <summary>Whether the address is verified.</summary>
    public required bool Verified { get; init; }

    /// <summary>The channel of the address.</summary>
    public required AddressVia Via { get; init; }

    /// <summary>The verification status.</summary>
    public required VerifiableAddressStatus Status { get; init; }

    /// <summary>When the address was verified; null when it is not.</summary>
    public Instant? VerifiedAt { get; init; }

    /// <summary>When the address was created.</summary>
    public required Instant CreatedAt { get; init; }

    /// <summary>When the address was last changed.</summary>
    public required Instant UpdatedAt { get; init; }

    /// <inheritdoc />
    public override string ToString() => $"VerifiableAddress {{ Id = {Id}, Via = {Via}, Verified = {Verified} }}";
}
