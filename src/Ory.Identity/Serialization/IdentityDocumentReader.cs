using System.Text.Json;
using NodaTime;

namespace Ory.Identity.Serialization;

/// <summary>
/// Reads an <see cref="Identity"/> document as the SQL stores keep it (the JSON <see cref="OryIdentityJson"/> writes)
/// with one <see cref="Utf8JsonReader"/> pass, several times faster than System.Text.Json's metadata-driven reading.
/// </summary>
/// <remarks>
/// A fast path only: anything it does not expect (an unknown or repeated property, a missing required one, a value of
/// another type, a name it does not know) makes it answer null, and <see cref="OryIdentityJson.Deserialize{T}(string)"/>
/// then reads the document with System.Text.Json, which decides and words every error. A test compares the two on
/// every identity shape the store kit writes.
/// </remarks>
internal static class IdentityDocumentReader
{
    private static readonly JsonReaderOptions ReaderOptions = new() { MaxDepth = OryIdentityJson.MaxDepth };
    private static readonly InstantJsonConverter Instants = new();

    /// <summary>The identity in <paramref name="utf8Json"/>, or null when the fast path does not take it.</summary>
    public static Identity? TryRead(ReadOnlySpan<byte> utf8Json)
    {
        var reader = new Utf8JsonReader(utf8Json, ReaderOptions);
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return null;
            }

            var identity = ReadIdentity(ref reader);
            return identity is not null && !reader.Read() ? identity : null;
        }
        catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException or ArgumentException)
        {
            return null;
        }
    }

    private static Identity? ReadIdentity(ref Utf8JsonReader reader)
    {
        Guid? id = null;
        string? schemaId = null, schemaUrl = null, externalId = null;
        IdentityState? state = null;
        Instant? stateChangedAt = null, createdAt = null, updatedAt = null;
        JsonElement? traits = null, metadataPublic = null, metadataAdmin = null;
        IReadOnlyList<VerifiableAddress>? verifiable = null;
        IReadOnlyList<RecoveryAddress>? recovery = null;
        IReadOnlyDictionary<CredentialsType, IdentityCredentials>? credentials = null;
        Guid? organizationId = null;
        var seen = 0;

        while (Next(ref reader, ref seen, IdentityProperties, out var property))
        {
            switch (property)
            {
                case 0: id = reader.GetGuid(); break;
                case 1: schemaId = String(ref reader); break;
                case 2: schemaUrl = String(ref reader); break;
                case 3: state = reader.TokenType == JsonTokenType.String ? new IdentityState(reader.GetString()!) : throw new JsonException(); break;
                case 4: stateChangedAt = NullableInstant(ref reader); break;
                case 5: traits = JsonElement.ParseValue(ref reader); break;
                case 6: verifiable = Array(ref reader, ReadVerifiable); if (verifiable is null) { return null; } break;
                case 7: recovery = Array(ref reader, ReadRecovery); if (recovery is null) { return null; } break;
                case 8: metadataPublic = NullableElement(ref reader); break;
                case 9: metadataAdmin = NullableElement(ref reader); break;
                case 10: credentials = ReadCredentials(ref reader); if (credentials is null) { return null; } break;
                case 11: externalId = reader.TokenType == JsonTokenType.Null ? null : String(ref reader); break;
                case 12: organizationId = reader.TokenType == JsonTokenType.Null ? null : reader.GetGuid(); break;
                case 13: createdAt = Instant(ref reader); break;
                case 14: updatedAt = Instant(ref reader); break;
                default: return null;
            }
        }

        if (id is null || schemaId is null || traits is null || createdAt is null || updatedAt is null)
        {
            return null;
        }

        return new Identity
        {
            Id = id.Value,
            SchemaId = schemaId,
            SchemaUrl = schemaUrl ?? string.Empty,
            State = state ?? IdentityState.Active,
            StateChangedAt = stateChangedAt,
            Traits = traits.Value,
            VerifiableAddresses = verifiable ?? [],
            RecoveryAddresses = recovery ?? [],
            MetadataPublic = metadataPublic,
            MetadataAdmin = metadataAdmin,
            Credentials = credentials ?? Identity.EmptyCredentials,
            ExternalId = externalId,
            OrganizationId = organizationId,
            CreatedAt = createdAt.Value,
            UpdatedAt = updatedAt.Value,
        };
    }

    private static VerifiableAddress? ReadVerifiable(ref Utf8JsonReader reader)
    {
        Guid? id = null;
        string? value = null;
        bool? verified = null;
        AddressVia? via = null;
        VerifiableAddressStatus? status = null;
        Instant? verifiedAt = null, createdAt = null, updatedAt = null;
        var seen = 0;
        while (Next(ref reader, ref seen, VerifiableProperties, out var property))
        {
            switch (property)
            {
                case 0: id = reader.GetGuid(); break;
                case 1: value = String(ref reader); break;
                case 2: verified = reader.GetBoolean(); break;
                case 3: via = Via(ref reader); break;
                case 4: status = Status(ref reader); break;
                case 5: verifiedAt = NullableInstant(ref reader); break;
                case 6: createdAt = Instant(ref reader); break;
                case 7: updatedAt = Instant(ref reader); break;
                default: return null;
            }
        }

        return id is null || value is null || verified is null || via is null || status is null || createdAt is null || updatedAt is null
            ? null
            : new VerifiableAddress
            {
                Id = id.Value,
                Value = value,
                Verified = verified.Value,
                Via = via.Value,
                Status = status.Value,
                VerifiedAt = verifiedAt,
                CreatedAt = createdAt.Value,
                UpdatedAt = updatedAt.Value,
            };
    }

    private static RecoveryAddress? ReadRecovery(ref Utf8JsonReader reader)
    {
        Guid? id = null, breakGlass = null;
        string? value = null;
        AddressVia? via = null;
        Instant? createdAt = null, updatedAt = null;
        var seen = 0;
        while (Next(ref reader, ref seen, RecoveryProperties, out var property))
        {
            switch (property)
            {
                case 0: id = reader.GetGuid(); break;
                case 1: value = String(ref reader); break;
                case 2: via = Via(ref reader); break;
                case 3: createdAt = Instant(ref reader); break;
                case 4: updatedAt = Instant(ref reader); break;
                case 5: breakGlass = reader.TokenType == JsonTokenType.Null ? null : reader.GetGuid(); break;
                default: return null;
            }
        }

        return id is null || value is null || via is null || createdAt is null || updatedAt is null
            ? null
            : new RecoveryAddress
            {
                Id = id.Value,
                Value = value,
                Via = via.Value,
                CreatedAt = createdAt.Value,
                UpdatedAt = updatedAt.Value,
                BreakGlassForOrganization = breakGlass,
            };
    }

    private static IReadOnlyDictionary<CredentialsType, IdentityCredentials>? ReadCredentials(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException();
        }

        var builder = new CredentialsMap.Builder(2);
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var key = new CredentialsType(reader.GetString()!);
            if (builder.TryGetValue(key, out _) || !reader.Read())
            {
                return null; // A repeated type: System.Text.Json decides.
            }

            if (ReadCredential(ref reader) is not { } credential)
            {
                return null;
            }

            builder.Set(key, credential);
        }

        return reader.TokenType == JsonTokenType.EndObject ? builder.ToMap() : throw new JsonException();
    }

    private static IdentityCredentials? ReadCredential(ref Utf8JsonReader reader)
    {
        CredentialsType? type = null;
        string[]? identifiers = null;
        JsonElement? config = null;
        var version = 0;
        Instant? createdAt = null, updatedAt = null;
        var seen = 0;
        while (Next(ref reader, ref seen, CredentialProperties, out var property))
        {
            switch (property)
            {
                case 0: type = new CredentialsType(String(ref reader)); break;
                case 1: identifiers = Strings(ref reader); break;
                case 2: config = NullableElement(ref reader); break;
                case 3: version = reader.GetInt32(); break;
                case 4: createdAt = Instant(ref reader); break;
                case 5: updatedAt = Instant(ref reader); break;
                default: return null;
            }
        }

        return type is null || identifiers is null || createdAt is null || updatedAt is null
            ? null
            : new IdentityCredentials
            {
                Type = type.Value,
                Identifiers = identifiers,
                Config = config,
                Version = version,
                CreatedAt = createdAt.Value,
                UpdatedAt = updatedAt.Value,
            };
    }

    // Moves to the next property of the current object and its value; false at the object's end. A property not in
    // names, or one seen before, comes back as -1.
    private static bool Next(ref Utf8JsonReader reader, ref int seen, byte[][] names, out int property)
    {
        if (!reader.Read() || reader.TokenType == JsonTokenType.EndObject)
        {
            property = -1;
            return false;
        }

        if (reader.TokenType != JsonTokenType.PropertyName)
        {
            throw new JsonException();
        }

        property = -1;
        for (var i = 0; i < names.Length; i++)
        {
            if (reader.ValueTextEquals(names[i]))
            {
                property = (seen & (1 << i)) == 0 ? i : -1;
                seen |= 1 << i;
                break;
            }
        }

        if (!reader.Read())
        {
            throw new JsonException();
        }

        return true;
    }

    private static T[]? Array<T>(ref Utf8JsonReader reader, Reader<T> item)
        where T : class
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw new JsonException();
        }

        var items = new List<T>(2);
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.StartObject || item(ref reader) is not { } value)
            {
                return null;
            }

            items.Add(value);
        }

        return [.. items];
    }

    private static string[] Strings(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw new JsonException();
        }

        var items = new List<string>(1);
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            items.Add(String(ref reader));
        }

        return [.. items];
    }

    private static string String(ref Utf8JsonReader reader) =>
        reader.TokenType == JsonTokenType.String ? reader.GetString()! : throw new JsonException();

    private static Instant Instant(ref Utf8JsonReader reader) => Instants.Read(ref reader, typeof(Instant), OryIdentityJson.Options);

    private static Instant? NullableInstant(ref Utf8JsonReader reader) =>
        reader.TokenType == JsonTokenType.Null ? null : Instant(ref reader);

    private static JsonElement? NullableElement(ref Utf8JsonReader reader) =>
        reader.TokenType == JsonTokenType.Null ? null : JsonElement.ParseValue(ref reader);

    private static AddressVia Via(ref Utf8JsonReader reader) =>
        reader.ValueTextEquals("email"u8) ? AddressVia.Email
        : reader.ValueTextEquals("sms"u8) ? AddressVia.Sms
        : throw new JsonException();

    private static VerifiableAddressStatus Status(ref Utf8JsonReader reader) =>
        reader.ValueTextEquals("pending"u8) ? VerifiableAddressStatus.Pending
        : reader.ValueTextEquals("sent"u8) ? VerifiableAddressStatus.Sent
        : reader.ValueTextEquals("completed"u8) ? VerifiableAddressStatus.Completed
        : throw new JsonException();

    private delegate T? Reader<T>(ref Utf8JsonReader reader)
        where T : class;

    private static readonly byte[][] IdentityProperties =
    [
        "id"u8.ToArray(), "schema_id"u8.ToArray(), "schema_url"u8.ToArray(), "state"u8.ToArray(), "state_changed_at"u8.ToArray(),
        "traits"u8.ToArray(), "verifiable_addresses"u8.ToArray(), "recovery_addresses"u8.ToArray(), "metadata_public"u8.ToArray(),
        "metadata_admin"u8.ToArray(), "credentials"u8.ToArray(), "external_id"u8.ToArray(), "organization_id"u8.ToArray(),
        "created_at"u8.ToArray(), "updated_at"u8.ToArray(),
    ];

    private static readonly byte[][] VerifiableProperties =
    [
        "id"u8.ToArray(), "value"u8.ToArray(), "verified"u8.ToArray(), "via"u8.ToArray(), "status"u8.ToArray(),
        "verified_at"u8.ToArray(), "created_at"u8.ToArray(), "updated_at"u8.ToArray(),
    ];

    private static readonly byte[][] RecoveryProperties =
    [
        "id"u8.ToArray(), "value"u8.ToArray(), "via"u8.ToArray(), "created_at"u8.ToArray(), "updated_at"u8.ToArray(),
        "break_glass_for_organization"u8.ToArray(),
    ];

    private static readonly byte[][] CredentialProperties =
    [
        "type"u8.ToArray(), "identifiers"u8.ToArray(), "config"u8.ToArray(), "version"u8.ToArray(), "created_at"u8.ToArray(),
        "updated_at"u8.ToArray(),
    ];
}
