using NodaTime;

namespace Ory.Identity;

/// <summary>A verifiable address supplied on create, to keep its verification state on import.</summary>
public sealed partial record VerifiableAddressImport
{
    /// <summary>The address; lower-cased and normalized on import.</summary>
    public required string Value { get; init; }

    /// <summary>Whether it is verified.</summary>
    public bool Verified { get; init; }

    /// <summary>The channel; null means email.</summary>
    public AddressVia? Via { get; init; }

    /// <summary>The status; null means completed when verified, else pending.</summary>
    public VerifiableAddressStatus? Status { get; init; }

    /// <summary>When it was verified; null with <see cref="Verified"/> means now.</summary>
    public Instant? VerifiedAt { get; init; }

    /// <summary>Ignored (Kratos accepts and ignores it).</summary>
    public Guid? Id { get; init; }

    /// <summary>Ignored (Kratos accepts and ignores it).</summary>
    public Instant? CreatedAt { get; init; }

    /// <summary>Ignored (Kratos accepts and ignores it).</summary>
    public Instant? UpdatedAt { get; init; }

    /// <inheritdoc />
    public override string ToString() => $"VerifiableAddressImport {{ Via = {Via}, Verified = {Verified} }}";
}
