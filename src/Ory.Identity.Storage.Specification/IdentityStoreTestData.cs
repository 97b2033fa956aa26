using System.Buffers;
using System.Text.Json;
using NodaTime;

namespace Ory.Identity.Storage.Specification;

/// <summary>
/// Builds valid <see cref="Identity"/> records for store tests: unique values by default, a password credential,
/// one verifiable and one recovery email address, timestamps with microsecond precision. Reused by the conformance kit,
/// by third-party stores and by the other test projects.
/// </summary>
public static class IdentityStoreTestData
{
    /// <summary>The instant test identities are created at: 2024-05-01T12:34:56.123456Z (microsecond precision).</summary>
    public static Instant CreatedAt { get; } = Instant.FromUtc(2024, 5, 1, 12, 34, 56).PlusTicks(1_234_560);

    /// <summary>A schema id test identities use.</summary>
    public const string SchemaId = "default";

    /// <summary>A new, unique, normalized (lower-case) email address at <c>example.org</c>.</summary>
    public static string NewEmail() => $"user-{Guid.NewGuid():N}@example.org";

    /// <summary>A new, unique external id.</summary>
    public static string NewExternalId() => $"ext-{Guid.NewGuid():N}";

    /// <summary>
    /// A valid identity: traits <c>{"email": …}</c>, a password credential identified by the email (with a placeholder
    /// hash in its config), the email as verifiable and as recovery address, and the given optional values.
    /// </summary>
    /// <param name="email">The email; a new unique one when null.</param>
    /// <param name="externalId">The external id; none when null.</param>
    /// <param name="id">The id; a new UUIDv7 when null.</param>
    /// <param name="organizationId">The organization; none when null.</param>
    public static Identity NewIdentity(string? email = null, string? externalId = null, Guid? id = null, Guid? organizationId = null)
    {
        email ??= NewEmail();
        return new Identity
        {
            Id = id ?? Guid.CreateVersion7(),
            SchemaId = SchemaId,
            SchemaUrl = "http://127.0.0.1:4433/schemas/ZGVmYXVsdA",
            State = IdentityState.Active,
            StateChangedAt = CreatedAt,
            Traits = Json(w =>
            {
                w.WriteStartObject();
                w.WriteString("email", email);
                w.WriteEndObject();
            }),
            Credentials = new Dictionary<CredentialsType, IdentityCredentials>
            {
                [CredentialsType.Password] = Credential(
                    CredentialsType.Password,
                    [email],
                    Json(w =>
                    {
                        w.WriteStartObject();
                        w.WriteString("hashed_password", "$2a$04$placeholder.not.a.real.hash.for.store.tests");
                        w.WriteEndObject();
                    })),
            },
            VerifiableAddresses = [VerifiableAddress(AddressVia.Email, email)],
            RecoveryAddresses = [RecoveryAddress(AddressVia.Email, email)],
            ExternalId = externalId,
            OrganizationId = organizationId,
            CreatedAt = CreatedAt,
            UpdatedAt = CreatedAt,
        };
    }

    /// <summary>A credential of <paramref name="type"/> with these identifiers.</summary>
    /// <param name="type">The credential type.</param>
    /// <param name="identifiers">The identifiers.</param>
    /// <param name="config">The config; none when null.</param>
    public static IdentityCredentials Credential(CredentialsType type, IReadOnlyList<string> identifiers, JsonElement? config = null) => new()
    {
        Type = type,
        Identifiers = identifiers,
        Config = config,
        Version = 0,
        CreatedAt = CreatedAt,
        UpdatedAt = CreatedAt,
    };

    /// <summary>An unverified, pending verifiable address.</summary>
    /// <param name="via">The channel.</param>
    /// <param name="value">The normalized value.</param>
    public static VerifiableAddress VerifiableAddress(AddressVia via, string value) => new()
    {
        Id = Guid.CreateVersion7(),
        Value = value,
        Via = via,
        Verified = false,
        Status = VerifiableAddressStatus.Pending,
        CreatedAt = CreatedAt,
        UpdatedAt = CreatedAt,
    };

    /// <summary>A recovery address.</summary>
    /// <param name="via">The channel.</param>
    /// <param name="value">The normalized value.</param>
    public static RecoveryAddress RecoveryAddress(AddressVia via, string value) => new()
    {
        Id = Guid.CreateVersion7(),
        Value = value,
        Via = via,
        CreatedAt = CreatedAt,
        UpdatedAt = CreatedAt,
    };

    /// <summary>The identity with a credential of <paramref name="type"/> added or replaced.</summary>
    /// <param name="identity">The identity.</param>
    /// <param name="type">The credential type.</param>
    /// <param name="identifiers">The credential's identifiers.</param>
    public static Identity WithCredential(this Identity identity, CredentialsType type, params string[] identifiers)
    {
        ArgumentNullException.ThrowIfNull(identity);
        var credentials = new Dictionary<CredentialsType, IdentityCredentials>(identity.Credentials)
        {
            [type] = Credential(type, identifiers),
        };
        return identity with { Credentials = credentials };
    }

    /// <summary>The identity without credentials of <paramref name="type"/>.</summary>
    /// <param name="identity">The identity.</param>
    /// <param name="type">The credential type to remove.</param>
    public static Identity WithoutCredential(this Identity identity, CredentialsType type)
    {
        ArgumentNullException.ThrowIfNull(identity);
        var credentials = new Dictionary<CredentialsType, IdentityCredentials>(identity.Credentials);
        credentials.Remove(type);
        return identity with { Credentials = credentials };
    }

    /// <summary>Builds a <see cref="JsonElement"/> with a writer (no reflection, so trimming-safe).</summary>
    /// <param name="write">Writes exactly one JSON value.</param>
    public static JsonElement Json(Action<Utf8JsonWriter> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            write(writer);
        }

        using var document = JsonDocument.Parse(buffer.WrittenMemory);
        return document.RootElement.Clone();
    }
}
