using NodaTime;

namespace Ory.Identity;

/// <summary>A recovery address supplied on create.</summary>
public sealed partial record RecoveryAddressImport
{
    /// <summary>The address; lower-cased and normalized on import.</summary>
    public required string Value { get; init; }

    /// <summary>The channel; null means email.</summary>
    public AddressVia? Via { get; init; }

    /// <summary>Ignored (Kratos accepts and ignores it).</summary>
    public Guid? Id { get; init; }

    /// <summary>Ignored (Kratos accepts and ignores it).</summary>
    public Instant? CreatedAt { get; init; }

    /// <summary>Ignored (Kratos accepts and ignores it).</summary>
    public Instant? UpdatedAt { get; init; }

    /// <inheritdoc />
    public override string ToString() => $"RecoveryAddressImport {{ Via = {Via} }}";
}
