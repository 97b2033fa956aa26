using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Ory.Identity.AspNetCore.Internal.OpenApi;
using static Ory.Identity.AspNetCore.Internal.OpenApi.KratosOperation;

namespace Ory.Identity.AspNetCore.Internal;

/// <summary>
/// Kratos's public session endpoints (session/handler.go): <c>/sessions/whoami</c> (every method Kratos routes),
/// <c>GET</c> and <c>DELETE /sessions</c>, <c>DELETE /sessions/{id}</c>.
/// </summary>
internal sealed class SessionsApi(OryIdentityHttp http, HttpSessions sessions)
{
    /// <summary>The header naming the authenticated identity on whoami.</summary>
    public const string AuthenticatedIdentityHeader = "X-Kratos-Authenticated-Identity-Id";

    // GET is mapped on its own, for the OpenAPI document. Kratos also routes CONNECT, which Kestrel refuses (400) for a path target before any route runs.
    private static readonly string[] WhoAmIMethods =
    [
        HttpMethods.Head, HttpMethods.Post, HttpMethods.Put, HttpMethods.Patch,
        HttpMethods.Options, HttpMethods.Trace,
    ];

    public void Map(IEndpointRouteBuilder group)
    {
        // Kratos's api.json documents whoami's GET; the other methods answer the same.
        group.MapGet("/sessions/whoami", http.Handle(WhoAmIAsync))
            .Describe("toSession", "frontend", Answer<Session>(), Error(401), Error(403));
        group.MapMethods("/sessions/whoami", WhoAmIMethods, http.Handle(WhoAmIAsync)).ExcludeFromDescription();
        group.MapGet("/sessions", http.Handle(ListOthersAsync))
            .Describe("listMySessions", "frontend", Answer<IReadOnlyList<Session>>(), Error(400), Error(401));
        group.MapDelete("/sessions", http.Handle(RevokeOthersAsync))
            .Describe("disableMyOtherSessions", "frontend", Answer<JsonElement>(), Error(400), Error(401));

        // DELETE /sessions/whoami reaches Kratos's DELETE /sessions/{id}, which answers it as whoami.
        group.MapDelete("/sessions/{id}", http.Handle(RevokeOneAsync))
            .Describe("disableMySession", "frontend", Empty(StatusCodes.Status204NoContent), Error(400), Error(401));
    }

    private static ISessionManager Manager(HttpContext context) => context.RequestServices.GetRequiredService<ISessionManager>();

    // 200 with the session (identity, devices) and X-Kratos-Authenticated-Identity-Id; the cookie is issued again when
    // the expiry it holds is older than the session's (an extended session). Any failure is the same 401.
    private async Task WhoAmIAsync(HttpContext context)
    {
        var (session, token) = await sessions.AuthenticateAsync(context).ConfigureAwait(false) ?? throw SessionHttpErrors.NoCredentials();
        if (token.Cookie is { } cookie && cookie.ExpiresAt < session.ExpiresAt)
        {
            sessions.Cookie.Issue(context, token.Token, session.ExpiresAt);
        }

        context.Response.Headers[AuthenticatedIdentityHeader] = session.IdentityId.ToString("D");
        await OryIdentityHttp.WriteJsonAsync(context, StatusCodes.Status200OK, session).ConfigureAwait(false);
    }

    // The caller's other active sessions, newest first, with page/per_page paging (X-Total-Count, Link).
    private async Task ListOthersAsync(HttpContext context)
    {
        var current = await CurrentAsync(context).ConfigureAwait(false);
        var all = await Manager(context).ListByIdentityAsync(current.IdentityId, active: true, context.RequestAborted).ConfigureAwait(false);
        var others = all.Where(s => s.Id != current.Id).ToList();
        await LegacyPage.WriteAsync(context, others).ConfigureAwait(false);
    }

    // Revokes every other session of the caller's identity: 200 {"count": n}.
    private async Task RevokeOthersAsync(HttpContext context)
    {
        var current = await CurrentAsync(context).ConfigureAwait(false);
        var count = await Manager(context).RevokeAllAsync(current.IdentityId, current.Id, context.RequestAborted).ConfigureAwait(false);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteNumber("count", count);
            writer.WriteEndObject();
        }

        await OryIdentityHttp.WriteRawJsonAsync(context, StatusCodes.Status200OK, buffer.ToArray()).ConfigureAwait(false);
    }

    // Revokes another session of the caller's identity: 204, also when it is unknown or someone else's (nothing happens).
    private async Task RevokeOneAsync(HttpContext context)
    {
        if (context.Request.RouteValues["id"] as string == "whoami")
        {
            await WhoAmIAsync(context).ConfigureAwait(false);
            return;
        }

        var current = await CurrentAsync(context).ConfigureAwait(false);
        var id = SessionQuery.Id(context);
        if (id == current.Id)
        {
            throw InvalidRequestException.WithMessage("cannot revoke current session");
        }

        var manager = Manager(context);
        try
        {
            var other = await manager.GetAsync(id, cancellationToken: context.RequestAborted).ConfigureAwait(false);
            if (other.IdentityId == current.IdentityId)
            {
                await manager.RevokeAsync(id, context.RequestAborted).ConfigureAwait(false);
            }
        }
        catch (SessionNotFoundException)
        {
            // Unknown: nothing to revoke, the same 204.
        }

        context.Response.StatusCode = StatusCodes.Status204NoContent;
    }

    private async Task<Session> CurrentAsync(HttpContext context) =>
        (await sessions.AuthenticateAsync(context).ConfigureAwait(false))?.Session ?? throw SessionHttpErrors.NoSessionCookie();
}
