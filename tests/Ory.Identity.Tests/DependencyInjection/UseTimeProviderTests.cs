using Microsoft.Extensions.Time.Testing;
using NodaTime;
using Ory.Identity.Tests.Recovery;
using Ory.Identity.Tests.Support;

namespace Ory.Identity.Tests.DependencyInjection;

public sealed class UseTimeProviderTests
{
    private static readonly DateTimeOffset Start = new(2031, 5, 4, 8, 30, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_fake_time_provider_stamps_identities_and_drives_recovery_link_expiry()
    {
        var time = new FakeTimeProvider(Start);
        using var timed = new TestHost(configure: builder => builder
            .Configure(o =>
            {
                o.SelfService.Methods.Link.Enabled = true;
                o.SelfService.Methods.Link.Config.BaseUrl = RecoveryTestHost.SeedBaseUrl;
                o.Secrets.Cookie = [RecoveryTestHost.Secret];
            })
            .UseTimeProvider(time));

        var identity = await timed.Manager.CreateAsync(TestHost.Create("""{"email":"foo@ory.sh"}"""));
        var link = await timed.Get<IRecoveryLinkIssuer>().CreateRecoveryLinkAsync(identity.Id, Duration.FromHours(1));
        var (flow, token) = RecoveryTestHost.Parse(link.Link);
        time.Advance(TimeSpan.FromHours(1) + TimeSpan.FromSeconds(1));
        var redeem = () => timed.Get<IRecoveryRedeemer>().RedeemLinkAsync(flow, token);

        identity.CreatedAt.Should().Be(Instant.FromDateTimeOffset(Start), "the time provider, not the builder's earlier UseClock, stamps it");
        link.ExpiresAt.Should().Be(Instant.FromDateTimeOffset(Start) + Duration.FromHours(1));
        await redeem.Should().ThrowAsync<RecoveryFlowExpiredException>();
    }

    [Fact]
    public async Task The_last_of_UseTimeProvider_and_UseClock_wins()
    {
        var clock = new NodaTime.Testing.FakeClock(Instant.FromUtc(2040, 1, 1, 0, 0));
        using var host = new TestHost(configure: builder => builder.UseTimeProvider(new FakeTimeProvider(Start)).UseClock(clock));

        var identity = await host.Manager.CreateAsync(TestHost.Create("""{"email":"foo@ory.sh"}"""));

        identity.CreatedAt.Should().Be(clock.GetCurrentInstant());
    }

    [Fact]
    public void A_null_time_provider_is_refused()
    {
        var builder = new OryIdentityBuilder(new Microsoft.Extensions.DependencyInjection.ServiceCollection());

        var act = () => builder.UseTimeProvider(null!);

        act.Should().Throw<ArgumentNullException>().WithParameterName("timeProvider");
    }
}
