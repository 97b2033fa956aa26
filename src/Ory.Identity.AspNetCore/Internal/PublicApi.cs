using System.Buffers;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using static Ory.Identity.AspNetCore.Internal.OpenApi.KratosOperation;

namespace Ory.Identity.AspNetCore.Internal;

/// <summary>Kratos's public identity-schema endpoints (Kratos's schema/handler.go).</summary>
internal sealed class PublicApi(OryIdentityHttp http)
{
    public void Map(IEndpointRouteBuilder group)
    {
        // Kratos's public router serves the schemas under /admin too (schema/handler.go); api.json lists /schemas.
        foreach (var prefix in new[] { string.Empty, "/admin" })
        {
            AdminApi.Document(group.MapGet($"{prefix}/schemas", http.Handle(ListSchemasAsync)), prefix.Length > 0,
                "listIdentitySchemas", Answer<JsonElement>());
            AdminApi.Document(group.MapGet($"{prefix}/schemas/{{id}}", http.Handle(GetSchemaAsync)), prefix.Length > 0,
                "getIdentitySchema", Answer<JsonElement>(), Error(404));
        }
    }

    private static IdentitySchemaRegistry Schemas(HttpContext context) => context.RequestServices.GetRequiredService<IdentitySchemaRegistry>();

    // GET /schemas: [{"id":…,"schema":{…}}] with Kratos's page/per_page paging (default 250, at most 1000).
    private async Task ListSchemasAsync(HttpContext context)
    {
        var query = context.Request.Query;
        var perPage = Math.Clamp(KratosQuery.TryParseLong(KratosQuery.Get(query, "per_page")) ?? 250, 1, 1000);

        // A page past any list (page=9223372036854775807) is kept where page × per_page, and the Link arithmetic, cannot overflow.
        var page = Math.Clamp(KratosQuery.TryParseLong(KratosQuery.Get(query, "page")) ?? 0, 0, int.MaxValue / perPage);
        var all = Schemas(context).Schemas;
        var selected = all.Skip((int)(page * perPage)).Take((int)perPage);

        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            foreach (var schema in selected)
            {
                writer.WriteStartObject();
                writer.WriteString("id", schema.Id);
                writer.WritePropertyName("schema");
                schema.Document.WriteTo(writer);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        var path = context.Request.PathBase.Add(context.Request.Path).Value ?? string.Empty;
        AdminApi.WriteLegacyPaginationHeaders(context.Response, path, KratosQuery.Copy(query), all.Count, page, perPage);
        await OryIdentityHttp.WriteRawJsonAsync(context, StatusCodes.Status200OK, buffer.WrittenMemory).ConfigureAwait(false);
    }

    // GET /schemas/{id}: the schema document; the id may be base64url-encoded, as in schema_url.
    private async Task GetSchemaAsync(HttpContext context)
    {
        var id = context.Request.RouteValues["id"] as string ?? string.Empty;
        var schema = Schemas(context).Find(id);
        if (schema is null)
        {
            var shown = id;
            try
            {
                shown = Encoding.UTF8.GetString(Base64UrlTextDecode(id));
            }
            catch (FormatException)
            {
                // Not base64url: Kratos reports the id as given.
            }

            throw new SchemaNotFoundException(shown);
        }

        await OryIdentityHttp.WriteRawJsonAsync(context, StatusCodes.Status200OK, Encoding.UTF8.GetBytes(schema.Document.GetRawText())).ConfigureAwait(false);
    }

    private static byte[] Base64UrlTextDecode(string text)
    {
        if (text.Length % 4 == 1 || text.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '_')))
        {
            throw new FormatException();
        }

        return WebEncoders.Base64UrlDecode(text);
    }

    /// <summary>Kratos's 404 for an unknown schema id.</summary>
    private sealed class SchemaNotFoundException(string id) : OryIdentityException(
        new OryError { Code = 404, Status = "Not Found", Message = "The requested resource could not be found", Reason = $"Identity schema `{id}` could not be found." },
        "The identity schema does not exist.");
}
