using Microsoft.AspNetCore.Http;

namespace Ory.Identity.AspNetCore.Internal;

/// <summary>
/// One page of a session list with ory/x's legacy <c>page</c>/<c>per_page</c> paging (0-based pages, default 250, at most
/// 1000; <c>page_size</c> stands for <c>per_page</c>), <c>X-Total-Count</c> and <c>Link</c> headers, as Kratos pages the
/// sessions of one identity.
/// </summary>
internal static class LegacyPage
{
    public const int DefaultPerPage = 250;

    public static async Task WriteAsync(HttpContext context, IReadOnlyList<Session> all)
    {
        var query = context.Request.Query;
        var sizeText = KratosQuery.Get(query, "per_page") is { Length: > 0 } p ? p : KratosQuery.Get(query, "page_size");
        var perPage = Math.Clamp(KratosQuery.TryParseLong(sizeText) ?? DefaultPerPage, 1, SessionListQuery.MaxPageSize);
        var page = Math.Clamp(KratosQuery.TryParseLong(KratosQuery.Get(query, "page")) ?? 0, 0, int.MaxValue / perPage);
        var items = all.Skip((int)(page * perPage)).Take((int)perPage).ToList();

        var path = context.Request.PathBase.Add(context.Request.Path).Value ?? string.Empty;
        AdminApi.WriteLegacyPaginationHeaders(context.Response, path, KratosQuery.Copy(query), all.Count, page, perPage);
        await OryIdentityHttp.WriteJsonAsync<IReadOnlyList<Session>>(context, StatusCodes.Status200OK, items).ConfigureAwait(false);
    }
}
