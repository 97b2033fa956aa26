using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using NodaTime;

namespace Ory.Identity.AspNetCore.Internal.OpenApi;

/// <summary>
/// Gives the OpenAPI document (Microsoft.AspNetCore.OpenApi) Kratos's shape of every Ory.Identity wire type: the
/// properties <see cref="OryIdentityJson"/> writes (snake_case names, timestamps as RFC 3339 strings), not the ones
/// ASP.NET Core's JSON options see. Without it a wire type, which names its own
/// <see cref="OryIdentityJsonConverter{T}"/>, shows no properties.
/// </summary>
internal sealed class KratosSchemaTransformer : IOpenApiSchemaTransformer
{
    public async Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        var type = context.JsonTypeInfo.Type;
        if (context.JsonPropertyInfo is not null
            || type.Assembly != typeof(Identity).Assembly
            || !OryIdentityJson.Options.TryGetTypeInfo(type, out var wire)
            || wire.Kind != JsonTypeInfoKind.Object)
        {
            return;
        }

        // A property without a getter is [JsonIgnore]d: never written (e.g. RecoveryLink.FlowId).
        var written = wire.Properties.Where(p => p.Get is not null).ToList();
        schema.Type = JsonSchemaType.Object;
        schema.Properties = new Dictionary<string, IOpenApiSchema>(written.Count);
        schema.Required = new HashSet<string>(written.Where(p => p.IsRequired).Select(p => p.Name));
        foreach (var property in written)
        {
            schema.Properties[property.Name] = await PropertySchemaAsync(property.PropertyType, context, cancellationToken).ConfigureAwait(false);
        }
    }

    // Instants are RFC 3339 strings; a list of a model type is an array of that type's schema (the converter that
    // writes the list hides its element type from the generator, which would leave the array without items).
    private static async Task<IOpenApiSchema> PropertySchemaAsync(Type type, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        if (type == typeof(Instant) || type == typeof(Instant?))
        {
            return new OpenApiSchema { Type = JsonSchemaType.String, Format = "date-time" };
        }

        if (OryIdentityJson.Options.TryGetTypeInfo(type, out var wire) && wire.Kind == JsonTypeInfoKind.Enumerable && wire.ElementType is { } element)
        {
            return new OpenApiSchema { Type = JsonSchemaType.Array, Items = await PropertySchemaAsync(element, context, cancellationToken).ConfigureAwait(false) };
        }

        return await context.GetOrCreateSchemaAsync(type, cancellationToken: cancellationToken).ConfigureAwait(false);
    }
}
