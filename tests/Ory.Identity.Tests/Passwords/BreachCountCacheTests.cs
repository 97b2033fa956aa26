using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using NodaTime;
using NodaTime.Testing;
using Ory.Identity.Tests.Support;

namespace Ory.Identity.Tests.Passwords;

public sealed class BreachCountCacheTests
{
    private readonly FakeClock _clock = new(TestHost.Start);

    private BreachCountCache Cache(int capacity)
    {
        var clock = new OryIdentityClock(Options.Create(new OryIdentityClockOptions { Clock = _clock }), new ServiceCollection().BuildServiceProvider());
        return new BreachCountCache(clock, capacity);
    }

    [Fact]
    public void Entries_expire_after_one_hour()
    {
        var cache = Cache(10);
        cache.Set("A", 5);

        _clock.Advance(Duration.FromHours(1) - Duration.FromTicks(10));
        cache.TryGet("A", out var count).Should().BeTrue();
        count.Should().Be(5);

        _clock.Advance(Duration.FromTicks(10));
        cache.TryGet("A", out _).Should().BeFalse();
        cache.Count.Should().Be(0, "an expired entry is dropped when read");
    }

    [Fact]
    public void Past_its_capacity_the_least_recently_used_entry_is_dropped()
    {
        var cache = Cache(3);
        cache.Set("A", 1);
        cache.Set("B", 2);
        cache.Set("C", 3);
        cache.TryGet("A", out _).Should().BeTrue();

        cache.Set("D", 4);

        cache.Count.Should().Be(3);
        cache.TryGet("B", out _).Should().BeFalse();
        cache.TryGet("A", out var a).Should().BeTrue();
        a.Should().Be(1);
        cache.TryGet("C", out _).Should().BeTrue();
        cache.TryGet("D", out _).Should().BeTrue();
    }

    [Fact]
    public void Setting_an_entry_again_replaces_its_count_and_expiry()
    {
        var cache = Cache(3);
        cache.Set("A", 1);
        _clock.Advance(Duration.FromMinutes(30));

        cache.Set("A", 2);
        _clock.Advance(Duration.FromMinutes(45));

        cache.TryGet("A", out var count).Should().BeTrue();
        count.Should().Be(2);
        cache.Count.Should().Be(1);
    }

    [Fact]
    public void The_default_capacity_is_bounded()
    {
        using var host = new TestHost();

        host.Get<BreachCountCache>().Capacity.Should().Be(BreachCountCache.DefaultCapacity);
    }
}
