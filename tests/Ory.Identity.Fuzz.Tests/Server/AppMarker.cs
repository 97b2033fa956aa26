using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;

namespace Ory.Identity.Fuzz.Tests.Server;

/// <summary>
/// Marks every response the application's pipeline produced with <see cref="HeaderName"/>, so that an answer without
/// it is known to come from Kestrel alone (a request it refused before any middleware ran).
/// </summary>
internal sealed class AppMarker : IStartupFilter
{
    public const string HeaderName = "X-Ory-Fuzz-App";

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use((context, following) =>
        {
            // OnStarting, not now: the endpoints clear the headers before writing an error.
            context.Response.OnStarting(() =>
            {
                context.Response.Headers[HeaderName] = "1";
                return Task.CompletedTask;
            });
            return following(context);
        });
        next(app);
    };
}
