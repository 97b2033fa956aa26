using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Ory.Identity.AspNetCore.Internal;

/// <summary>
/// The admin port's identity-schema routes (Kratos's schema/handler.go RegisterAdminRoutes, x/redir.go
/// RedirectToPublicRoute): <c>GET /admin/schemas[/{id}]</c> (and the legacy path without <c>/admin</c>) answer 307 to
/// the same path without <c>/admin</c> under <c>serve.public.base_url</c>, query kept. The public API serves the
/// schemas themselves, on both paths.
/// </summary>
internal sealed class AdminSchemasRedirect(OryIdentityHttp http)
{
    // After the public API's own routes of the same paths, which win where both APIs share a listener.
    private const int AfterPublicRoutes = 1;

    public void Map(IEndpointRouteBuilder group)
    {
        foreach (var prefix in new[] { "/admin", string.Empty })
        {
            foreach (var path in new[] { $"{prefix}/schemas", $"{prefix}/schemas/{{id}}" })
            {
                group.MapGet(path, Redirect).WithOrder(AfterPublicRoutes).ExcludeFromDescription();
            }
        }
    }

    private Task Redirect(HttpContext context)
    {
        var path = context.Request.Path.Value ?? string.Empty;
        if (path.StartsWith("/admin/", StringComparison.Ordinal))
        {
            path = path["/admin".Length..];
        }

        context.Response.StatusCode = StatusCodes.Status307TemporaryRedirect;
        context.Response.Headers.Location = http.Ory.Serve.Public.BaseUrl.TrimEnd('/') + path + context.Request.QueryString.Value;
        return Task.CompletedTask;
    }
}
