using System.Text;
using System.Text.Json;

namespace Ory.Identity.Tests.Schemas;

/// <summary>Loads the identity schemas copied to TestData/schemas.</summary>
internal static class SchemaTestData
{
    public static string PathOf(string file) => Path.Combine(AppContext.BaseDirectory, "TestData", "schemas", file);

    public static string Text(string file) => File.ReadAllText(PathOf(file));

    /// <summary>A traits-level stub-extension schema wrapped under properties.traits.</summary>
    public static string Wrapped(string file) =>
        "{\"$schema\":\"http://json-schema.org/draft-07/schema#\",\"type\":\"object\",\"properties\":{\"traits\":" + Text(file) + "}}";

    /// <summary>A traits property <c>email</c> marked as password identifier and as verification and recovery address.</summary>
    public const string MarkedEmailProperty = """
        "email": {
          "type": "string", "format": "email",
          "ory.sh/kratos": {
            "credentials": { "password": { "identifier": true } },
            "verification": { "via": "email" },
            "recovery": { "via": "email" }
          }
        }
        """;

    /// <summary>An identity schema whose traits have <paramref name="properties"/> (JSON members), <c>email</c> required.</summary>
    public static string TraitsSchema(string properties, string additionalProperties = "true") =>
        "{\"$schema\":\"http://json-schema.org/draft-07/schema#\",\"type\":\"object\",\"properties\":{\"traits\":{\"type\":\"object\","
        + "\"properties\":{" + properties + "},\"required\":[\"email\"],\"additionalProperties\":" + additionalProperties + "}}}";

    public static IdentitySchemaRegistry Registry(params (string Id, string Url)[] schemas)
    {
        var options = new OryIdentityOptions();
        options.Identity.DefaultSchemaId = schemas[0].Id;
        foreach (var (id, url) in schemas)
        {
            options.Identity.Schemas.Add(new IdentitySchemaOptions { Id = id, Url = url });
        }

        return IdentitySchemaRegistry.Create(options);
    }

    public static IdentitySchemaRegistry FromFile(string file) => Registry(("default", "file://" + PathOf(file)));

    public static IdentitySchemaRegistry FromText(string json) => Registry(("default", json));

    public static IdentitySchemaRegistry FromWrapped(string file) => FromText(Wrapped(file));

    public static TraitsDerivation Validate(IdentitySchemaRegistry registry, string traitsJson)
    {
        using var doc = JsonDocument.Parse(traitsJson);
        var result = registry.Validate(registry.Schemas[0], doc.RootElement.Clone());
        return result;
    }

    public static string Base64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));
}
