namespace Ory.Identity.QuickStart.SelfServiceUi;

/// <summary>Registers the self-service pages and maps them on the UI's port.</summary>
internal static class SelfServiceUiEndpoints
{
    /// <summary>
    /// The public API client: over the network, or through a keyed <see cref="HttpMessageHandler"/>
    /// (<see cref="PublicApiClient.HandlerKey"/>) when one is registered. Redirects are never followed and cookies are
    /// never kept: they belong to the browser.
    /// </summary>
    public static IServiceCollection AddSelfServiceUi(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(SelfServiceUiOptions.From(configuration));
        services.AddSingleton(provider =>
        {
            var handler = provider.GetKeyedService<HttpMessageHandler>(PublicApiClient.HandlerKey)
                ?? new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false, PooledConnectionLifetime = TimeSpan.FromMinutes(2) };
            return new PublicApiClient(new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(30) }, provider.GetRequiredService<SelfServiceUiOptions>());
        });
        return services;
    }

    /// <summary>Maps the pages; returns their group, for <c>RequireLocalPort</c>.</summary>
    public static RouteGroupBuilder MapSelfServiceUi(this IEndpointRouteBuilder endpoints)
    {
        var app = endpoints.MapGroup(string.Empty);
        foreach (var kind in new[] { FlowKind.Recovery, FlowKind.Settings, FlowKind.Login })
        {
            app.MapGet("/" + kind.Name, (HttpContext context, PublicApiClient api) => new FlowPage(kind, api).HandleAsync(context));
        }

        app.MapGet("/welcome", WelcomePage.HandleAsync);
        app.MapGet("/logout", LogoutPage.HandleAsync);
        app.MapGet("/error", ErrorPage.HandleAsync);
        app.MapGet(RecoveryLinkForward.Path, RecoveryLinkForward.Handle);
        app.MapGet(Stylesheet.Path, Stylesheet.Serve);
        app.MapGet("/", () => Results.Redirect("/welcome"));
        return app;
    }
}
