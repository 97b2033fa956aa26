using NodaTime;

namespace Ory.Identity;

/// <summary>A NodaTime <see cref="IClock"/> that reads a <see cref="TimeProvider"/> (<see cref="OryIdentityBuilder.UseTimeProvider"/>).</summary>
internal sealed class TimeProviderClock(TimeProvider timeProvider) : IClock
{
    public Instant GetCurrentInstant() => Instant.FromDateTimeOffset(timeProvider.GetUtcNow());
}
