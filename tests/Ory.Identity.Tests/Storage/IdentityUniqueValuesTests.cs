using System.Text.Json;
using NodaTime;
using Ory.Identity.Storage;

namespace Ory.Identity.Tests.Storage;

/// <summary>
/// <see cref="IdentityUniqueValues.ConflictsInReportingOrder"/> is the one definition of which clashing value a store
/// names: credential identifiers in the identity's order, then verifiable addresses, recovery addresses, the external id.
/// </summary>
public sealed class IdentityUniqueValuesTests
{
    private static readonly Instant Now = Instant.FromUtc(2026, 1, 2, 3, 4, 5);

    [Fact]
    public void Conflicts_come_in_reporting_order_each_value_once()
    {
        var identity = Bare() with
        {
            Credentials = new Dictionary<CredentialsType, IdentityCredentials>
            {
                [CredentialsType.Password] = Credential(CredentialsType.Password, "b@example.com", "a@example.com", "b@example.com"),
                [CredentialsType.Totp] = Credential(CredentialsType.Totp, "a@example.com"),
            },
            VerifiableAddresses = [Verifiable("v@example.com"), Verifiable("v@example.com")],
            RecoveryAddresses = [new RecoveryAddress { Id = Guid.NewGuid(), Value = "+4915112345678", Via = AddressVia.Sms, CreatedAt = Now, UpdatedAt = Now }],
            ExternalId = "ext-1",
        };

        IdentityUniqueValues.Of(identity).ConflictsInReportingOrder().Should().Equal(
            new IdentityConflict(IdentityConflictKind.CredentialsIdentifier, "password", "b@example.com"),
            new IdentityConflict(IdentityConflictKind.CredentialsIdentifier, "password", "a@example.com"),
            new IdentityConflict(IdentityConflictKind.CredentialsIdentifier, "totp", "a@example.com"),
            new IdentityConflict(IdentityConflictKind.VerifiableAddress, "email", "v@example.com"),
            new IdentityConflict(IdentityConflictKind.RecoveryAddress, "sms", "+4915112345678"),
            new IdentityConflict(IdentityConflictKind.ExternalId, null, "ext-1"));
    }

    [Fact]
    public void An_identity_without_unique_values_has_no_conflict_to_report()
    {
        IdentityUniqueValues.Of(Bare()).ConflictsInReportingOrder().Should().BeEmpty();
    }

    private static Identity Bare() => new()
    {
        Id = Guid.CreateVersion7(),
        SchemaId = "default",
        Traits = JsonDocument.Parse("{}").RootElement,
        CreatedAt = Now,
        UpdatedAt = Now,
    };

    private static IdentityCredentials Credential(CredentialsType type, params string[] identifiers) =>
        new() { Type = type, Identifiers = identifiers, CreatedAt = Now, UpdatedAt = Now };

    private static VerifiableAddress Verifiable(string value) => new()
    {
        Id = Guid.NewGuid(),
        Value = value,
        Verified = false,
        Via = AddressVia.Email,
        Status = VerifiableAddressStatus.Pending,
        CreatedAt = Now,
        UpdatedAt = Now,
    };
}
