using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Ory.Identity.AspNetCore.Internal;

namespace Ory.Identity.AspNetCore;

/// <summary>Maps Kratos's HTTP API onto an ASP.NET Core application.</summary>
public static class OryIdentityEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps Kratos's admin API: identities (list, create, batch create, get, get by external id, update, JSON Patch,
    /// delete, delete credentials), admin recovery (<c>/admin/recovery/link</c>, <c>/admin/recovery/code</c>), sessions
    /// (<c>/admin/sessions</c>, <c>/admin/sessions/{id}</c>, <c>/admin/sessions/{id}/extend</c>,
    /// <c>/admin/identities/{id}/sessions</c>) and, our extensions, machine identities' API keys
    /// (<c>/admin/identities/{id}/api-keys</c>) and invitations (<c>/admin/invitations</c>), each under <c>/admin</c> and
    /// under its legacy path without it (session routes and invitations under <c>/admin</c> only: without it sessions are
    /// the public <c>/sessions</c> routes); <c>GET /admin/schemas[/{id}]</c> answers 307 to the public API's
    /// <c>/schemas[/{id}]</c>, as Kratos's admin port does. These endpoints manage every identity and issue account
    /// takeover links: never expose them publicly. Serve them on an internal listener only, by the connection's local
    /// port (<c>.RequireLocalPort(4434)</c>, <see cref="OryIdentityLocalPortExtensions.RequireLocalPort{TBuilder}"/>),
    /// and/or require authorization on the returned group (<c>.RequireAuthorization("admins")</c>).
    /// </summary>
    /// <param name="endpoints">The application or a route group.</param>
    /// <returns>The group holding every admin endpoint, for conventions such as authorization.</returns>
    /// <exception cref="InvalidOperationException"><c>services.AddOryIdentityHttp()</c> was not called.</exception>
    public static RouteGroupBuilder MapOryIdentityAdminApi(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var group = endpoints.MapGroup(string.Empty);
        new AdminApi(Http(endpoints)).Map(group);
        new AdminSessionsApi(Http(endpoints), endpoints.ServiceProvider.GetRequiredService<SessionSettings>()).Map(group);
        new AdminSchemasRedirect(Http(endpoints)).Map(group);
        return group;
    }

    /// <summary>
    /// Maps Kratos's public API: identity schemas (<c>GET /schemas</c>, <c>GET /schemas/{id}</c>, and the same under
    /// <c>/admin</c>, as Kratos's public port serves them); the self-service
    /// recovery, settings and login flows, API and browser (<c>GET /self-service/{recovery,settings,login}/{api,browser}</c>,
    /// <c>GET /self-service/{recovery,settings,login}/flows</c>, <c>GET|POST /self-service/{recovery,settings,login}</c>,
    /// <c>GET /.well-known/change-password</c>), browser flows protected by Kratos's CSRF cookie and token; sessions (<c>/sessions/whoami</c>, <c>GET|DELETE /sessions</c>,
    /// <c>DELETE /sessions/{id}</c>) and logout (<c>GET /self-service/logout/browser</c>,
    /// <c>GET /self-service/logout</c>, <c>DELETE /self-service/logout/api</c>). Browsers whose browser-flow request fails are
    /// sent to <c>selfservice.flows.error.ui_url?id=</c>, which reads the error from <c>GET /self-service/errors?id=</c>.
    /// </summary>
    /// <param name="endpoints">The application or a route group.</param>
    /// <returns>The group holding every public endpoint, for conventions such as rate limiting.</returns>
    /// <exception cref="InvalidOperationException"><c>services.AddOryIdentityHttp()</c> was not called.</exception>
    public static RouteGroupBuilder MapOryIdentityPublicApi(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var group = endpoints.MapGroup(string.Empty);
        new PublicApi(Http(endpoints)).Map(group);
        var sessions = endpoints.ServiceProvider.GetRequiredService<HttpSessions>();
        new SessionsApi(Http(endpoints), sessions).Map(group);
        new LogoutApi(
            Http(endpoints),
            sessions,
            endpoints.ServiceProvider.GetRequiredService<CsrfProtection>(),
            endpoints.ServiceProvider.GetRequiredService<ReturnToUrls>()).Map(group);
        var selfService = endpoints.ServiceProvider.GetRequiredService<SelfServiceHttp>();
        new RecoveryApi(Http(endpoints), endpoints.ServiceProvider.GetRequiredService<RecoveryFlowNotes>(), selfService).Map(group);
        new SettingsApi(Http(endpoints), selfService).Map(group);
        new LoginApi(Http(endpoints), selfService).Map(group);
        new SelfServiceErrorsApi(Http(endpoints), endpoints.ServiceProvider.GetRequiredService<SelfServiceErrors>()).Map(group);
        return group;
    }

    private static OryIdentityHttp Http(IEndpointRouteBuilder endpoints) => OryIdentityHttp.From(endpoints.ServiceProvider);
}
