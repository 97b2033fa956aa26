using NodaTime;
using Ory.Identity.Storage;

namespace Ory.Identity.Tests.Recovery;

public sealed class ExpiredRecoveryCleanupTests
{
    [Fact]
    public async Task Issuing_after_the_interval_deletes_expired_flows_and_keeps_live_ones()
    {
        using var host = RecoveryTestHost.Create();
        var identity = await host.CreateFooAsync();
        var store = host.Get<IRecoveryStore>();
        var expired = await host.Issuer().CreateRecoveryLinkAsync(identity.Id, Duration.FromMinutes(1));
        var live = await host.Issuer().CreateRecoveryLinkAsync(identity.Id, Duration.FromHours(2));

        host.Clock.Advance(ExpiredRecoveryCleanup.Interval + Duration.FromMinutes(1));
        await host.Issuer().CreateRecoveryCodeAsync(identity.Id);

        for (var i = 0; i < 200 && await store.GetFlowAsync(expired.FlowId) is not null; i++)
        {
            await Task.Delay(25);
        }

        (await store.GetFlowAsync(expired.FlowId)).Should().BeNull("the background cleanup deleted the expired flow");
        (await store.GetFlowAsync(live.FlowId)).Should().NotBeNull();
    }

    [Fact]
    public async Task Cleanup_runs_at_most_once_per_interval()
    {
        using var host = RecoveryTestHost.Create();
        var identity = await host.CreateFooAsync();
        var store = host.Get<IRecoveryStore>();
        await host.Issuer().CreateRecoveryLinkAsync(identity.Id);          // first trigger: runs (nothing expired yet)
        var expired = await host.Issuer().CreateRecoveryLinkAsync(identity.Id, Duration.FromMinutes(1));

        host.Clock.Advance(Duration.FromMinutes(2));
        await host.Issuer().CreateRecoveryLinkAsync(identity.Id);          // within the interval: no cleanup
        await Task.Delay(200);

        (await store.GetFlowAsync(expired.FlowId)).Should().NotBeNull();
    }
}
