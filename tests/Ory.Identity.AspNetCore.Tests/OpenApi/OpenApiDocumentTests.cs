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

    private static string? RequestBody(JsonElement paths, string path, string method) =>
        paths.GetProperty(path).GetProperty(method).GetProperty("requestBody").GetProperty("content")
            .GetProperty("application/json").GetProperty("schema").GetProperty("$ref").GetString();
}
