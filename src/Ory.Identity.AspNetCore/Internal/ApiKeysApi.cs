using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Ory.Identity.AspNetCore.Internal.OpenApi;
using static Ory.Identity.AspNetCore.Internal.OpenApi.KratosOperation;

namespace Ory.Identity.AspNetCore.Internal;

/// <summary>
/// The admin endpoints of machine identities' API keys (our extension): issue
/// (<c>POST /admin/identities/{id}/api-keys</c>), list (<c>GET</c>) and revoke
/// (<c>DELETE /admin/identities/{id}/api-keys/{keyId}</c>), with Kratos's error bodies.
/// </summary>
internal sealed class ApiKeysApi(OryIdentityHttp http)
{
    public void Map(IEndpointRouteBuilder group, string prefix)
    {
        var legacy = prefix.Length == 0;
        AdminApi.Document(group.MapPost($"{prefix}/identities/{{id}}/api-keys", http.Handle(IssueAsync)).AcceptsJson<JsonElement>(), legacy,
            "createIdentityApiKey", Answer<IssuedApiKey>(StatusCodes.Status201Created), Error(400), Error(404));
        AdminApi.Document(group.MapGet($"{prefix}/identities/{{id}}/api-keys", http.Handle(ListAsync)), legacy,
            "listIdentityApiKeys", Answer<IReadOnlyList<ApiKey>>(), Error(404));
        AdminApi.Document(group.MapDelete($"{prefix}/identities/{{id}}/api-keys/{{keyId}}", http.Handle(RevokeAsync)), legacy,
            "revokeIdentityApiKey", Empty(StatusCodes.Status204NoContent), Error(404));
    }

    private static IApiKeyManager Keys(HttpContext context) => context.RequestServices.GetRequiredService<IApiKeyManager>();

    private async Task IssueAsync(HttpContext context)
    {
        OryIdentityHttp.EnsureDecodableBody(context.Request, OryIdentityHttp.JsonContentType);
        var body = await http.ReadBodyAsync(context).ConfigureAwait(false);
        var (name, expiresIn) = DecodeIssueBody(body);
        var issued = await Keys(context).IssueAsync(AdminApi.PathId(context), name, expiresIn, context.RequestAborted).ConfigureAwait(false);

        // The secret is in this response only: no cache may keep it.
        context.Response.Headers.CacheControl = "no-store";
        await OryIdentityHttp.WriteJsonAsync(context, StatusCodes.Status201Created, issued).ConfigureAwait(false);
    }

    private static async Task ListAsync(HttpContext context)
    {
        var keys = await Keys(context).ListAsync(AdminApi.PathId(context), context.RequestAborted).ConfigureAwait(false);
        await OryIdentityHttp.WriteJsonAsync(context, StatusCodes.Status200OK, keys).ConfigureAwait(false);
    }

    private static async Task RevokeAsync(HttpContext context)
    {
        var keyId = context.Request.RouteValues["keyId"] as string ?? string.Empty;
        await Keys(context).RevokeAsync(AdminApi.PathId(context), keyId, context.RequestAborted).ConfigureAwait(false);
        context.Response.StatusCode = StatusCodes.Status204NoContent;
    }

    /// <summary>Decodes <c>{"name": string, "expires_in": Go duration string?}</c> strictly (unknown fields refused).</summary>
    internal static (string Name, Duration? ExpiresIn) DecodeIssueBody(ReadOnlyMemory<byte> body)
    {
        using var document = OryIdentityHttp.ParseJson(body);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw InvalidRequestException.WithMessage("json: cannot unmarshal a non-object into the API key request body");
        }

        string? name = null;
        Duration? expiresIn = null;
        foreach (var property in root.EnumerateObject())
        {
            switch (property.Name)
            {
                case "name":
                    name = property.Value.ValueKind == JsonValueKind.String
                        ? property.Value.GetString()
                        : throw new InvalidRequestException("\"name\" must be a string.");
                    break;

                case "expires_in" when property.Value.ValueKind == JsonValueKind.Null:
                    break;

                case "expires_in":
                    var raw = property.Value.ValueKind == JsonValueKind.String
                        ? property.Value.GetString() ?? string.Empty
                        : throw new InvalidRequestException("\"expires_in\" must be a duration string such as \"720h\".");
                    expiresIn = GoDuration.TryParse(raw, out var parsed)
                        ? parsed
                        : throw OryIdentityHttp.UnparsableExpiresIn(raw);
                    break;

                default:
                    throw OryIdentityHttp.UnknownField(property.Name);
            }
        }

        return (name ?? throw new InvalidRequestException("\"name\" is required."), expiresIn);
    }
}
