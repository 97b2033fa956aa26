using System.Text.Json;

namespace Ory.Identity;

/// <summary>
/// What every write of an identity checks and fills in, shared by the manager (create, update) and the patcher: the
/// schema by id and its traits validation, the schema URL, the external id's length, JSON nulls as absent, and the last
/// check before storing (the rules of the schema's kind, no NUL in a stored string). Kratos keeps these beside its
/// handler (identity/handler.go) and its validator (identity/validator.go).
/// </summary>
internal sealed class IdentityRules
{
    private const int MaxExternalIdLength = 64;

    private static readonly JsonElement EmptyTraits = JsonDocument.Parse("{}").RootElement.Clone();

    private readonly IdentitySchemaRegistry _schemas;
    private readonly Dictionary<string, string> _schemaUrls;
    private readonly Dictionary<IdentitySchema, string> _schemaUrlsBySchema;

    /// <summary>Rules over <paramref name="schemas"/>, whose URLs are served under <paramref name="publicBaseUrl"/>.</summary>
    public IdentityRules(IdentitySchemaRegistry schemas, string publicBaseUrl)
    {
        _schemas = schemas;
        var publicBase = publicBaseUrl.TrimEnd('/');
        _schemaUrls = schemas.Schemas.ToDictionary(s => s.Id, s => $"{publicBase}/schemas/{s.EncodedId}", StringComparer.Ordinal);
        _schemaUrlsBySchema = schemas.Schemas.ToDictionary(s => s, s => _schemaUrls[s.Id]);
    }

    /// <summary>The id of the schema a create without <c>schema_id</c> uses.</summary>
    public string DefaultSchemaId => _schemas.DefaultSchemaId;

    /// <summary>The schema with exactly this id (not its base64url form); an unknown schema is Kratos's 400.</summary>
    public IdentitySchema SchemaOf(string schemaId)
    {
        var schema = _schemas.Find(schemaId);
        if (schema is null || !string.Equals(schema.Id, schemaId, StringComparison.Ordinal))
        {
            throw new InvalidRequestException($"Unable to find JSON Schema ID: {schemaId}");
        }

        return schema;
    }

    /// <summary>Validates traits against a schema by id; an unknown schema is Kratos's 400.</summary>
    public TraitsDerivation Validate(string schemaId, JsonElement traits) => _schemas.Validate(SchemaOf(schemaId), traits);

    /// <summary>Validates traits against a schema already looked up.</summary>
    public TraitsDerivation Validate(IdentitySchema schema, JsonElement traits) => _schemas.Validate(schema, traits);

    /// <summary>
    /// The last check before an updated identity goes to the store: the rules of its schema kind (machine identities hold
    /// API keys only; people none), then no NUL in any stored string (<see cref="NulCharacterRule"/>).
    /// </summary>
    public Identity CheckBeforeStoring(Identity identity) =>
        NulCharacterRule.EnsureStorable(MachineIdentityRules.Enforce(identity, KindOf(identity.SchemaId)));

    /// <summary>The public URL of a schema by id; empty for a schema that is not configured.</summary>
    public string SchemaUrlOf(string schemaId) =>
        _schemaUrls.TryGetValue(schemaId, out var url) ? url : string.Empty;

    /// <summary>The public URL of a configured schema.</summary>
    public string SchemaUrlOf(IdentitySchema schema) => _schemaUrlsBySchema.TryGetValue(schema, out var url) ? url : string.Empty;

    /// <summary>A JSON <c>null</c> (or nothing) as absent.</summary>
    public static JsonElement? NullIfJsonNull(JsonElement? value) =>
        value is { ValueKind: JsonValueKind.Null or JsonValueKind.Undefined } ? null : value;

    /// <summary>The traits, or <c>{}</c> when there are none (as Kratos validates a missing traits object).</summary>
    public static JsonElement TraitsOrEmpty(JsonElement? traits) =>
        traits is { ValueKind: not (JsonValueKind.Null or JsonValueKind.Undefined) } value ? value : EmptyTraits;

    /// <summary>The external id to store: null when empty; longer than 64 characters is Kratos's 400.</summary>
    public static string? CheckExternalId(string? externalId)
    {
        if (string.IsNullOrEmpty(externalId))
        {
            return null;
        }

        return externalId.Length <= MaxExternalIdLength
            ? externalId
            : throw new InvalidRequestException($"external_id must be at most {MaxExternalIdLength} characters long.");
    }

    private IdentitySchemaKind KindOf(string schemaId) => _schemas.Find(schemaId)?.Kind ?? IdentitySchemaKind.Person;
}
