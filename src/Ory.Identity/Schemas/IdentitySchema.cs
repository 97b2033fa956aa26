using System.Text.Json;
using Json.Schema;

namespace Ory.Identity;

/// <summary>A loaded, checked and compiled identity schema.</summary>
public sealed class IdentitySchema
{
    internal IdentitySchema(string id, string url, JsonElement document, JsonSchema compiled)
        : this(id, url, document, compiled, new SchemaPlan([], document, []))
    {
    }

    internal IdentitySchema(string id, string url, JsonElement document, JsonSchema compiled, SchemaPlan plan, IdentitySchemaKind kind = IdentitySchemaKind.Person)
    {
        Id = id;
        Kind = kind;
        Url = url;
        Document = document;
        Compiled = compiled;
        Plan = plan;
    }

    /// <summary>The schema id (<c>identity.schemas[].id</c>).</summary>
    public string Id { get; }

    /// <summary>Where it was loaded from, as configured (<c>file://…</c>, <c>base64://…</c>, or <c>inline</c>).</summary>
    public string Url { get; }

    /// <summary>The schema JSON, as served by <c>GET /schemas/{id}</c>.</summary>
    public JsonElement Document { get; }

    /// <summary>Whether identities of this schema are people or machines (<c>identity.schemas[].kind</c>).</summary>
    public IdentitySchemaKind Kind { get; }

    /// <summary>The id as Kratos puts it in URLs: base64url without padding.</summary>
    public string EncodedId => Base64UrlId.Encode(Id);

    internal JsonSchema Compiled { get; }

    internal SchemaPlan Plan { get; }

    /// <inheritdoc />
    public override string ToString() => $"IdentitySchema {{ Id = {Id}, Kind = {Kind} }}";
}
