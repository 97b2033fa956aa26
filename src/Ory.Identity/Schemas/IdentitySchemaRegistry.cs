using System.Text.Json;
using Microsoft.Extensions.Options;

namespace Ory.Identity;

/// <summary>
/// The identity schemas of this host, loaded and checked against Kratos's identity meta-schema at start.
/// </summary>
public sealed class IdentitySchemaRegistry
{
    /// <summary>Loads every configured schema; throws <see cref="InvalidOperationException"/> with a clear message on a bad one.</summary>
    /// <param name="options">The options holding <c>identity.schemas</c>.</param>
    public IdentitySchemaRegistry(IOptions<OryIdentityOptions> options)
    {
        throw new NotImplementedException("schemas helper");
    }

    /// <summary>Every schema, in configuration order.</summary>
    public IReadOnlyList<IdentitySchema> Schemas { get; } = [];

    /// <summary>The default schema id (<c>identity.default_schema_id</c>).</summary>
    public string DefaultSchemaId { get; } = "default";

    /// <summary>Finds a schema by id, or by its base64url-encoded id as Kratos's <c>GET /schemas/{id}</c> accepts.</summary>
    public IdentitySchema? Find(string idOrEncodedId) => throw new NotImplementedException("schemas helper");

    /// <summary>
    /// Validates <c>{"traits": traits}</c> against the schema (format validation on) and runs the <c>ory.sh/kratos</c>
    /// extension.
    /// </summary>
    /// <exception cref="IdentityValidationException">The traits violate the schema or cannot be normalized.</exception>
    internal TraitsDerivation Validate(IdentitySchema schema, JsonElement traits) => throw new NotImplementedException("schemas helper");
}
