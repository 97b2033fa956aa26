using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Ory.Identity.AspNetCore.Tests.Support;

namespace Ory.Identity.AspNetCore.Tests.OpenApi;

/// <summary>The document Microsoft.AspNetCore.OpenApi builds lists every route with Kratos's operation ids, bodies and answers.</summary>
public sealed class OpenApiDocumentTests
{
    [Fact]
    public async Task Every_described_route_is_in_the_document_with_its_operation_id_and_answers()
    {
        await using var host = await HttpTestHost.StartAsync(services: s => s.AddOpenApi(), map: app => app.MapOpenApi());
        var (response, document) = await host.GetAsync("/openapi/v1.json");
        response.StatusCode.Should().Be(System.Net.HttpStatusCode.OK);
        var paths = document.GetProperty("paths");

        var described = 0;
        foreach (var endpoint in host.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var name = endpoint.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName;
            if (endpoint.Metadata.GetMetadata<IExcludeFromDescriptionMetadata>() is { ExcludeFromDescription: true } || name is null)
            {
                endpoint.Metadata.GetMetadata<IExcludeFromDescriptionMetadata>().Should().NotBeNull($"{endpoint.DisplayName} is either described or left out on purpose");
                continue;
            }

            var path = endpoint.RoutePattern.RawText!.Replace("?}", "}", StringComparison.Ordinal);
            foreach (var method in endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()!.HttpMethods)
            {
                described++;
                var operation = paths.GetProperty(path).GetProperty(method.ToLowerInvariant());
                operation.GetProperty("operationId").GetString().Should().Be(name);
                var statuses = operation.GetProperty("responses").EnumerateObject().Select(r => r.Name).ToList();
                statuses.Should().Contain(endpoint.Metadata.OfType<IProducesResponseTypeMetadata>().Select(p => p.StatusCode.ToString(System.Globalization.CultureInfo.InvariantCulture)), $"{method} {path}");
            }
        }

        described.Should().Be(44);
        paths.EnumerateObject().Sum(p => p.Value.EnumerateObject().Count()).Should().Be(described, "nothing else is in the document");
        RequestBody(paths, "/admin/identities", "post").Should().Be("#/components/schemas/CreateIdentityRequest");
        RequestBody(paths, "/admin/identities/{id}", "put").Should().Be("#/components/schemas/UpdateIdentityRequest");
        paths.GetProperty("/admin/identities/{id}").GetProperty("delete").GetProperty("responses").TryGetProperty("204", out _).Should().BeTrue();
        paths.GetProperty("/admin/identities").GetProperty("post").GetProperty("responses").GetProperty("201")
            .GetProperty("content").GetProperty("application/json").GetProperty("schema").GetProperty("$ref").GetString()
            .Should().Be("#/components/schemas/Identity");
        paths.GetProperty("/admin/recovery/link").GetProperty("post").GetProperty("operationId").GetString().Should().Be("createRecoveryLinkForIdentity");
        paths.TryGetProperty("/identities", out _).Should().BeFalse("legacy paths are served but, as in Kratos's api.json, not listed");
    }

    [Fact]
    public async Task Request_and_response_schemas_have_kratos_s_properties()
    {
        await using var host = await HttpTestHost.StartAsync(services: s => s.AddOpenApi(), map: app => app.MapOpenApi());
        var (_, document) = await host.GetAsync("/openapi/v1.json");
        var paths = document.GetProperty("paths");

        var identity = Schema(document, Answer(paths, "/admin/identities", "post", "201"));
        Properties(identity).Should().Contain(["id", "schema_id", "schema_url", "state", "traits", "verifiable_addresses", "recovery_addresses", "metadata_public", "credentials", "created_at", "updated_at"])
            .And.NotContain(["schemaId", "createdAt"]);
        identity.GetProperty("required").EnumerateArray().Select(r => r.GetString()).Should().Contain(["id", "schema_id", "traits"]);
        Schema(document, identity.GetProperty("properties").GetProperty("created_at")).GetProperty("format").GetString().Should().Be("date-time");
        var addresses = Schema(document, identity.GetProperty("properties").GetProperty("verifiable_addresses"));
        addresses.GetProperty("type").GetString().Should().Be("array");
        Properties(Schema(document, addresses.GetProperty("items"))).Should().Contain(["id", "value", "verified", "via", "status"]);
        var create = Schema(document, paths.GetProperty("/admin/identities").GetProperty("post").GetProperty("requestBody")
            .GetProperty("content").GetProperty("application/json").GetProperty("schema"));
        Properties(create).Should().Contain(["schema_id", "traits", "credentials", "metadata_public", "verifiable_addresses"]).And.NotContain("schemaId");

        var link = Schema(document, Answer(paths, "/admin/recovery/link", "post", "200"));
        Properties(link).Should().BeEquivalentTo("recovery_link", "expires_at");

        var error = Schema(document, Answer(paths, "/admin/identities/{id}", "get", "404"));
        Properties(error).Should().Equal("error");
        Properties(Schema(document, error.GetProperty("properties").GetProperty("error"))).Should().Contain(["code", "status", "message", "reason"]);
    }

    [Fact]
    public async Task The_recovery_and_batch_request_bodies_have_kratos_s_schemas()
    {
        await using var host = await HttpTestHost.StartAsync(services: s => s.AddOpenApi(), map: app => app.MapOpenApi());
        var (_, document) = await host.GetAsync("/openapi/v1.json");
        var paths = document.GetProperty("paths");

        var link = Schema(document, Body(paths, "/admin/recovery/link", "post"));
        Properties(link).Should().BeEquivalentTo("identity_id", "expires_in");
        link.GetProperty("required").EnumerateArray().Select(r => r.GetString()).Should().Equal("identity_id");
        link.GetProperty("properties").GetProperty("identity_id").GetProperty("format").GetString().Should().Be("uuid");
        var code = Schema(document, Body(paths, "/admin/recovery/code", "post"));
        Properties(code).Should().BeEquivalentTo("identity_id", "expires_in", "flow_type");

        var batch = Schema(document, Body(paths, "/admin/identities", "patch"));
        Properties(batch).Should().Equal("identities");
        var entries = batch.GetProperty("properties").GetProperty("identities");
        entries.GetProperty("type").EnumerateArray().Select(t => t.GetString()).Should().BeEquivalentTo("null", "array");
        var entry = Schema(document, entries.GetProperty("items"));
        Properties(entry).Should().BeEquivalentTo("create", "patch_id");
        // A nullable reference: oneOf null or the create body's schema.
        var create = entry.GetProperty("properties").GetProperty("create").GetProperty("oneOf").EnumerateArray().Single(s => s.TryGetProperty("$ref", out _));
        Properties(Schema(document, create)).Should().Contain(["schema_id", "traits", "credentials"]);
    }

    private static JsonElement Body(JsonElement paths, string path, string method) =>
        paths.GetProperty(path).GetProperty(method).GetProperty("requestBody").GetProperty("content").GetProperty("application/json").GetProperty("schema");

    private static JsonElement Answer(JsonElement paths, string path, string method, string status) =>
        paths.GetProperty(path).GetProperty(method).GetProperty("responses").GetProperty(status)
            .GetProperty("content").GetProperty("application/json").GetProperty("schema");

    // The schema itself, following a $ref into components.
    private static JsonElement Schema(JsonElement document, JsonElement schema) =>
        schema.TryGetProperty("$ref", out var reference)
            ? document.GetProperty("components").GetProperty("schemas").GetProperty(reference.GetString()!["#/components/schemas/".Length..])
            : schema;

    private static List<string> Properties(JsonElement schema) =>
        schema.TryGetProperty("properties", out var properties) ? properties.EnumerateObject().Select(p => p.Name).ToList() : [];

    private static string? RequestBody(JsonElement paths, string path, string method) =>
        paths.GetProperty(path).GetProperty(method).GetProperty("requestBody").GetProperty("content")
            .GetProperty("application/json").GetProperty("schema").GetProperty("$ref").GetString();
}
