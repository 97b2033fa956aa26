using System.Text.Json;

namespace Ory.Identity;

/// <summary>
/// A create request after the part of building that fails a whole batch (state check, credential import): everything
/// of the new identity except what the schema derives from its traits. The identity record itself is built once, when
/// the traits are validated (<see cref="IdentityManager"/>).
/// </summary>
internal readonly struct PreparedIdentity
{
    public required Guid Id { get; init; }

    public required string SchemaId { get; init; }

    public required IdentityState State { get; init; }

    public required IReadOnlyDictionary<CredentialsType, IdentityCredentials> Credentials { get; init; }

    public required JsonElement? MetadataPublic { get; init; }

    public required JsonElement? MetadataAdmin { get; init; }

    public required string? ExternalId { get; init; }

    public required Guid? OrganizationId { get; init; }
}
