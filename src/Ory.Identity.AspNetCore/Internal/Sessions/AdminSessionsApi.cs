using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Ory.Identity.AspNetCore.Internal.OpenApi;
using static Ory.Identity.AspNetCore.Internal.OpenApi.KratosOperation;

namespace Ory.Identity.AspNetCore.Internal;

/// <summary>
/// Kratos's admin session endpoints (session/handler.go): list, get, extend and revoke sessions, and list or delete an
/// identity's sessions. Session routes exist under <c>/admin</c> only (without it they would be the public
/// <c>/sessions</c> routes); identity routes also under their legacy path.
/// </summary>
internal sealed class AdminSessionsApi(OryIdentityHttp http, SessionSettings settings)
{
    public void Map(IEndpointRouteBuilder group)
    {
        group.MapGet("/admin/sessions", http.Handle(ListAsync))
            .Describe("listSessions", "identity", Answer<IReadOnlyList<Session>>(), Error(400));
        group.MapGet("/admin/sessions/{id}", http.Handle(GetAsync))
            .Describe("getSession", "identity", Answer<Session>(), Error(400), Error(404));
        group.MapMethods("/admin/sessions/{id}/extend", [HttpMethods.Patch], http.Handle(ExtendAsync))
            .Describe("extendSession", "identity", Answer<Session>(), Empty(StatusCodes.Status204NoContent), Error(400), Error(404));
        group.MapDelete("/admin/sessions/{id}", http.Handle(RevokeAsync))
            .Describe("disableSession", "identity", Empty(StatusCodes.Status204NoContent), Error(400), Error(404));
        foreach (var prefix in new[] { string.Empty, "/admin" })
        {
            var legacy = prefix.Length == 0;
            AdminApi.Document(group.MapGet($"{prefix}/identities/{{id}}/sessions", http.Handle(ListByIdentityAsync)), legacy,
                "listIdentitySessions", Answer<IReadOnlyList<Session>>(), Error(400), Error(404));
            AdminApi.Document(group.MapDelete($"{prefix}/identities/{{id}}/sessions", http.Handle(DeleteByIdentityAsync)), legacy,
                "deleteIdentitySessions", Empty(StatusCodes.Status204NoContent), Error(400), Error(404));
        }
    }

    private static ISessionManager Manager(HttpContext context) => context.RequestServices.GetRequiredService<ISessionManager>();

    // Keyset paging: page_size (default 250, at most 1000), page_token, a Link header with rel="first" and, unless this
    // is the last page, rel="next"; ?active= and ?expand= as Kratos parses them.
    private async Task ListAsync(HttpContext context)
    {
        var query = context.Request.Query;
        var sizeText = KratosQuery.Get(query, "page_size");
        var pageSize = sizeText.Length > 0 ? Math.Clamp(KratosQuery.Atoi(sizeText), 1, SessionListQuery.MaxPageSize) : new SessionListQuery().PageSize;
        var pageToken = KratosQuery.Get(query, "page_token");
        var page = await Manager(context).ListAsync(
            new SessionListQuery
            {
                PageSize = pageSize,
                PageToken = pageToken.Length > 0 ? pageToken : null,
                Active = SessionQuery.Active(query),
                Expand = SessionQuery.Expand(query),
            },
            context.RequestAborted).ConfigureAwait(false);

        var path = context.Request.PathBase.Add(context.Request.Path).Value ?? string.Empty;
        context.Response.Headers.Link = KratosQuery.KeysetLinks(path, KratosQuery.Copy(query), pageSize, null, page.NextPageToken);
        await OryIdentityHttp.WriteJsonAsync(context, StatusCodes.Status200OK, page.Items).ConfigureAwait(false);
    }

    // The session, with ?expand= (without it, identity null and devices []); 404 when unknown.
    private async Task GetAsync(HttpContext context)
    {
        var id = SessionQuery.Id(context);
        var expand = SessionQuery.Expand(context.Request.Query);
        var session = await Manager(context).GetAsync(id, expand, context.RequestAborted).ConfigureAwait(false);
        await OryIdentityHttp.WriteJsonAsync(context, StatusCodes.Status200OK, session).ConfigureAwait(false);
    }

    // Any body is ignored: the official SDK sends an empty one with a form content type. 200 with the session (identity
    // and devices), or 204 with feature_flags.faster_session_extend; 404 when unknown.
    private async Task ExtendAsync(HttpContext context)
    {
        var id = SessionQuery.Id(context);
        var manager = Manager(context);
        await manager.ExtendAsync(id, context.RequestAborted).ConfigureAwait(false);
        if (settings.FasterSessionExtend)
        {
            context.Response.StatusCode = StatusCodes.Status204NoContent;
            return;
        }

        var session = await manager.GetAsync(id, SessionExpand.All, context.RequestAborted).ConfigureAwait(false);
        await OryIdentityHttp.WriteJsonAsync(context, StatusCodes.Status200OK, session).ConfigureAwait(false);
    }

    // Revokes (the session stays stored, inactive): 204; 404 when unknown.
    private async Task RevokeAsync(HttpContext context)
    {
        var id = SessionQuery.Id(context);
        await Manager(context).RevokeAsync(id, context.RequestAborted).ConfigureAwait(false);
        context.Response.StatusCode = StatusCodes.Status204NoContent;
    }

    // Every session of the identity (identity and devices loaded), ?active=, page/per_page paging with X-Total-Count.
    private async Task ListByIdentityAsync(HttpContext context)
    {
        var id = SessionQuery.Id(context);
        var active = SessionQuery.Active(context.Request.Query);
        var all = await Manager(context).ListByIdentityAsync(id, active, context.RequestAborted).ConfigureAwait(false);
        await LegacyPage.WriteAsync(context, all).ConfigureAwait(false);
    }

    // Deletes every session of the identity: 204; 404 when it has none.
    private async Task DeleteByIdentityAsync(HttpContext context)
    {
        var id = SessionQuery.Id(context);
        var deleted = await Manager(context).DeleteByIdentityAsync(id, context.RequestAborted).ConfigureAwait(false);
        if (deleted == 0)
        {
            throw new SessionNotFoundException();
        }

        context.Response.StatusCode = StatusCodes.Status204NoContent;
    }
}
