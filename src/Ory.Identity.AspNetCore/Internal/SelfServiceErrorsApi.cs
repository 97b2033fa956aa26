using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using System.Text.Json;
using Ory.Identity.AspNetCore.Internal.OpenApi;
using static Ory.Identity.AspNetCore.Internal.OpenApi.KratosOperation;

namespace Ory.Identity.AspNetCore.Internal;

/// <summary>
/// <c>GET /self-service/errors?id=</c> (Kratos's selfservice/errorx/handler.go): the error a browser was forwarded to
/// the error UI with, as <c>{"id","error","created_at","updated_at"}</c>; unknown or expired ids are 404.
/// </summary>
internal sealed class SelfServiceErrorsApi(OryIdentityHttp http, SelfServiceErrors errors)
{
    public void Map(IEndpointRouteBuilder group) =>
        group.MapGet("/self-service/errors", http.Handle(GetAsync))
            .Describe("getFlowError", "frontend", Answer<JsonElement>(), Error(403), Error(404), Error(500));

    private async Task GetAsync(HttpContext context)
    {
        var stored = errors.Find(GoUuid.ParseOrNil(KratosQuery.Get(context.Request.Query, "id")))
            ?? throw new SelfServiceErrorNotFoundException();
        var createdAt = SelfServiceAnswers.Format(stored.CreatedAt);
        var body = new JsonObject
        {
            ["id"] = stored.Id.ToString(),
            ["error"] = JsonNode.Parse(OryIdentityJson.SerializeToUtf8Bytes(stored.Error)),
            ["created_at"] = createdAt,
            ["updated_at"] = createdAt,
        };
        await OryIdentityHttp.WriteJsonAsync<JsonNode>(context, StatusCodes.Status200OK, body).ConfigureAwait(false);
    }

    /// <summary>Kratos's 404 for an unknown error id.</summary>
    private sealed class SelfServiceErrorNotFoundException() : OryIdentityException(
        new OryError { Code = 404, Status = "Not Found", Message = "The requested resource could not be found" },
        "The self-service error does not exist.");
}
