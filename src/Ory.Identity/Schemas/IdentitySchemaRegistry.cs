using System.Text.Json;
using Microsoft.Extensions.Options;

namespace Ory.Identity;

/// <summary>
/// The identity schemas of this host, loaded and checked against Kratos's identity meta-schema at start.
/// </summary>
public sealed class IdentitySchemaRegistry
{
    private readonly Dictionary<string, IdentitySchema> _byId;

    /// <summary>Loads every configured schema (relative <c>file://</c> paths against the host's content root, else the working directory); throws <see cref="InvalidOperationException"/> with a clear message on a bad one.</summary>
    /// <param name="options">The options holding <c>identity.schemas</c>.</param>
    public IdentitySchemaRegistry(IOptions<OryIdentityOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var identity = options.Value?.Identity ?? throw new InvalidOperationException("Ory identity options are missing.");
        var fileRoot = options.Value.FileRoot;
        if (identity.Schemas is not { Count: > 0 })
        {
            throw new InvalidOperationException("No identity schemas are configured (identity.schemas needs at least one entry).");
        }

        var schemas = new List<IdentitySchema>(identity.Schemas.Count);
        _byId = new Dictionary<string, IdentitySchema>(StringComparer.Ordinal);
        for (var i = 0; i < identity.Schemas.Count; i++)
        {
            var entry = identity.Schemas[i] ?? throw new InvalidOperationException($"Identity schema entry {i} is empty.");
            if (string.IsNullOrWhiteSpace(entry.Id))
            {
                throw new InvalidOperationException($"Identity schema entry {i} has an empty id.");
            }

            if (_byId.ContainsKey(entry.Id))
            {
                throw new InvalidOperationException($"Identity schema id \"{entry.Id}\" is configured more than once.");
            }

            var body = SchemaSourceReader.Read(entry.Id, entry.Url, fileRoot);
            if (!Enum.IsDefined(entry.Kind))
            {
                throw new InvalidOperationException($"Identity schema \"{entry.Id}\" has an unknown kind ({entry.Kind}); use person or machine.");
            }

            var schema = IdentitySchemaCompiler.Compile(entry.Id, entry.Url.Trim().StartsWith('{') ? "inline" : entry.Url, body, entry.Kind);
            if (schema.Kind == IdentitySchemaKind.Machine && MachineSchemaRules.FindProblem(schema) is { } problem)
            {
                throw new InvalidOperationException(problem);
            }

            _byId.Add(entry.Id, schema);
            schemas.Add(schema);
        }

        var defaultId = string.IsNullOrEmpty(identity.DefaultSchemaId) ? "default" : identity.DefaultSchemaId;
        if (!_byId.ContainsKey(defaultId))
        {
            throw new InvalidOperationException(
                $"identity.default_schema_id \"{defaultId}\" is not among the configured schema ids ({string.Join(", ", _byId.Keys.Select(k => "\"" + k + "\""))}).");
        }

        Schemas = schemas;
        DefaultSchemaId = defaultId;
    }

    /// <summary>Every schema, in configuration order.</summary>
    public IReadOnlyList<IdentitySchema> Schemas { get; }

    /// <summary>The default schema id (<c>identity.default_schema_id</c>).</summary>
    public string DefaultSchemaId { get; }

    /// <summary>Loads schemas without dependency injection.</summary>
    /// <param name="options">The options holding <c>identity.schemas</c>.</param>
    /// <returns>The registry.</returns>
    public static IdentitySchemaRegistry Create(OryIdentityOptions options) => new(Options.Create(options));

    /// <summary>Finds a schema by id, or by its base64url-encoded id as Kratos's <c>GET /schemas/{id}</c> accepts.</summary>
    public IdentitySchema? Find(string idOrEncodedId)
    {
        if (idOrEncodedId is null)
        {
            return null;
        }

        if (_byId.TryGetValue(idOrEncodedId, out var schema))
        {
            return schema;
        }

        return Base64UrlId.TryDecode(idOrEncodedId, out var decoded) && _byId.TryGetValue(decoded, out schema) ? schema : null;
    }

    /// <summary>
    /// Validates <c>{"traits": traits}</c> against the schema (format validation on) and runs the <c>ory.sh/kratos</c>
    /// extension.
    /// </summary>
    /// <exception cref="IdentityValidationException">The traits violate the schema or cannot be normalized.</exception>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1822", Justification = "Instance member by contract: callers hold the registry.")]
    internal TraitsDerivation Validate(IdentitySchema schema, JsonElement traits) => TraitsValidator.Validate(schema, traits);
}
