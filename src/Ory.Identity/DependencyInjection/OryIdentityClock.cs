using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using NodaTime;

namespace Ory.Identity;

/// <summary>
/// The clock Ory.Identity reads: the builder's (<c>UseClock</c>), else an <see cref="IClock"/> from DI, else the system
/// clock. Instants are truncated to microseconds, the precision SQL stores keep, so every store round-trips them.
/// </summary>
internal sealed class OryIdentityClock
{
    public OryIdentityClock(IOptions<OryIdentityClockOptions> options, IServiceProvider services)
    {
        Clock = options.Value.Clock ?? services.GetService<IClock>() ?? SystemClock.Instance;
    }

    public IClock Clock { get; }

    public Instant Now()
    {
        var ticks = Clock.GetCurrentInstant().ToUnixTimeTicks();
        return Instant.FromUnixTimeTicks(ticks - (ticks % (NodaConstants.TicksPerMillisecond / 1000)));
    }
}
