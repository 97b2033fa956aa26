using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Ory.Identity.AspNetCore.Internal;
using Ory.Identity.AspNetCore.Internal.OpenApi;
using Ory.Identity.AspNetCore.Internal.Routing;

namespace Ory.Identity.AspNetCore;

/// <summary>Registers the services of the HTTP endpoints.</summary>
public static class OryIdentityHttpServiceCollectionExtensions
{
    /// <summary>
    /// Registers what <see cref="OryIdentityEndpointRouteBuilderExtensions.MapOryIdentityAdminApi"/> and
    /// <see cref="OryIdentityEndpointRouteBuilderExtensions.MapOryIdentityPublicApi"/> need, next to
    /// <c>services.AddOryIdentity(…)</c>. Idempotent. Also adds <see cref="OryIdentityJson.Converter"/> to ASP.NET Core's
    /// and MVC's JSON options, so the host's own endpoints (<c>Results.Ok(identity)</c>, MVC's <c>Ok(identity)</c>) answer
    /// Kratos's JSON for the model, and gives the OpenAPI documents of <c>AddOpenApi()</c> Kratos's schemas of the model.
    /// </summary>
    /// <param name="services">The host's services.</param>
    /// <param name="configure">Changes the HTTP options (body limit, recovery callback, request log).</param>
    /// <returns>The same services, for chaining.</returns>
    public static IServiceCollection AddOryIdentityHttp(this IServiceCollection services, Action<OryIdentityHttpOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<OryIdentityHttpOptions>()
            .Validate(o => o.MaxRequestBodySize > 0, "OryIdentityHttpOptions.MaxRequestBodySize must be positive.")
            .ValidateOnStart();
        if (configure is not null)
        {
            services.Configure(configure);
        }

        services.TryAddSingleton<RecoveryFlowNotes>();
        services.TryAddSingleton<SelfServiceErrors>();
        services.TryAddSingleton<OryIdentityHttp>();
        services.TryAddSingleton<SessionCookie>();
        services.TryAddSingleton<HttpSessions>();
        services.TryAddSingleton<CsrfProtection>();
        services.TryAddSingleton<ReturnToUrls>();
        services.TryAddSingleton<SelfServiceHttp>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPostConfigureOptions<LoggerFilterOptions>, FrameworkRequestLogFilter>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IStartupFilter, RedactedRequestLogStartupFilter>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IConfigureOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>, WireJsonOptionsSetup>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IConfigureOptions<Microsoft.AspNetCore.Mvc.JsonOptions>, WireJsonOptionsSetup>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<MatcherPolicy, LocalPortMatcherPolicy>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IConfigureOptions<Microsoft.AspNetCore.OpenApi.OpenApiOptions>, KratosSchemaSetup>());
        return services;
    }
}
