using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using Ory.Identity.Storage;
using Ory.Identity.AspNetCore.Internal.OpenApi;
using static Ory.Identity.AspNetCore.Internal.OpenApi.KratosOperation;

namespace Ory.Identity.AspNetCore.Internal;

/// <summary>
/// Kratos's logout endpoints (selfservice/flow/logout/handler.go): <c>GET /self-service/logout/browser</c> (the logout
/// URL and token), <c>GET /self-service/logout?token=</c> (browser logout) and <c>DELETE /self-service/logout/api</c>
/// (logout with a session token).
/// </summary>
internal sealed class LogoutApi(OryIdentityHttp http, HttpSessions sessions, CsrfProtection csrf, ReturnToUrls returnTo)
{
    private const string SubmitPath = "/self-service/logout";

    public void Map(IEndpointRouteBuilder group)
    {
        group.MapGet("/self-service/logout/browser", http.Handle(CreateLogoutUrlAsync))
            .Describe("createBrowserLogoutFlow", "frontend", Answer<JsonElement>(), Error(400), Error(401));
        group.MapGet(SubmitPath, http.HandleBrowser(LogoutAsync))
            .Describe("updateLogoutFlow", "frontend", Empty(StatusCodes.Status204NoContent), Empty(StatusCodes.Status303SeeOther));
        group.MapDelete("/self-service/logout/api", http.Handle(LogoutWithTokenAsync)).AcceptsJson<JsonElement>()
            .Describe("performNativeLogout", "frontend", Empty(StatusCodes.Status204NoContent), Error(400));
    }

    private static ISessionManager Manager(HttpContext context) => context.RequestServices.GetRequiredService<ISessionManager>();

    // 200 {"logout_url":"<public>/self-service/logout?token=ory_lo_…[&return_to=…]","logout_token":"ory_lo_…"}.
    private async Task CreateLogoutUrlAsync(HttpContext context)
    {
        var session = await ActiveSessionAsync(context).ConfigureAwait(false);
        var requested = KratosQuery.Get(context.Request.Query, "return_to");
        returnTo.ForLogout(requested);

        var token = Manager(context).GetLogoutToken(session);
        var url = QueryHelpers.AddQueryString(http.Ory.Serve.Public.BaseUrl.TrimEnd('/') + SubmitPath, "token", token);
        if (requested.Length > 0)
        {
            url = QueryHelpers.AddQueryString(url, "return_to", requested);
        }

        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("logout_url", url);
            writer.WriteString("logout_token", token);
            writer.WriteEndObject();
        }

        await OryIdentityHttp.WriteRawJsonAsync(context, StatusCodes.Status200OK, buffer.ToArray()).ConfigureAwait(false);
    }

    // Revokes the session whose logout token is in the query, deletes the cookie and regenerates the CSRF secret; JSON
    // clients get 204, browsers 303 to return_to or the logout return URL. Every check runs before anything changes.
    private async Task LogoutAsync(HttpContext context)
    {
        var query = context.Request.Query;
        var logoutToken = KratosQuery.Get(query, "token");
        if (logoutToken.Length == 0)
        {
            throw SessionHttpErrors.BadRequest("Please include a token in the URL query.");
        }

        var session = await ActiveSessionAsync(context).ConfigureAwait(false);
        var manager = Manager(context);
        if (!manager.IsLogoutToken(session, logoutToken))
        {
            throw SessionHttpErrors.Forbidden("Unable to log out because the logout token in the URL query does not match the session cookie.");
        }

        var target = returnTo.ForLogout(KratosQuery.Get(query, "return_to"));
        await manager.RevokeAsync(session.Id, context.RequestAborted).ConfigureAwait(false);
        sessions.Cookie.Delete(context);
        csrf.Regenerate(context);

        if (KratosQuery.IsJsonRequest(context.Request))
        {
            context.Response.StatusCode = StatusCodes.Status204NoContent;
            return;
        }

        context.Response.StatusCode = StatusCodes.Status303SeeOther;
        context.Response.Headers.Location = target.AbsoluteUri;
    }

    // {"session_token":"ory_st_…"} (JSON only): revokes the session, 204 also when it was revoked already; an unknown
    // or malformed token is a 403.
    private async Task LogoutWithTokenAsync(HttpContext context)
    {
        OryIdentityHttp.EnsureDecodableBody(context.Request, OryIdentityHttp.JsonContentType);
        var body = await http.ReadBodyAsync(context).ConfigureAwait(false);
        string? token = null;
        using (var document = OryIdentityHttp.ParseJson(body))
        {
            if (document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("session_token", out var value) && value.ValueKind == JsonValueKind.String)
            {
                token = value.GetString();
            }
        }

        var found = SessionTokens.IsWellFormedSessionToken(token)
            ? await context.RequestServices.GetRequiredService<ISessionStore>()
                .FindByTokenHashAsync(context.RequestServices.GetRequiredService<SecretHasher>().SessionTokenCandidates(token!), context.RequestAborted).ConfigureAwait(false)
            : null;
        if (found is null)
        {
            throw SessionHttpErrors.Forbidden("The provided Ory Session Token could not be found, is invalid, or otherwise malformed.");
        }

        await Manager(context).RevokeAsync(found.Id, context.RequestAborted).ConfigureAwait(false);
        context.Response.StatusCode = StatusCodes.Status204NoContent;
    }

    private async Task<Session> ActiveSessionAsync(HttpContext context) =>
        (await sessions.AuthenticateAsync(context).ConfigureAwait(false))?.Session ?? throw SessionHttpErrors.Inactive();
}
