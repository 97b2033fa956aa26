using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Options;

namespace Ory.Identity.AspNetCore.Internal;

/// <summary>
/// Puts <see cref="RedactedRequestLogMiddleware"/> in front of the host's pipeline when
/// <see cref="OryIdentityHttpOptions.RedactRequestLog"/> is on, so every request of the host is logged, as the framework's
/// request log it replaces did.
/// </summary>
internal sealed class RedactedRequestLogStartupFilter(IOptions<OryIdentityHttpOptions> http) : IStartupFilter
{
    /// <inheritdoc />
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        if (http.Value.RedactRequestLog)
        {
            app.UseMiddleware<RedactedRequestLogMiddleware>();
        }

        next(app);
    };
}
