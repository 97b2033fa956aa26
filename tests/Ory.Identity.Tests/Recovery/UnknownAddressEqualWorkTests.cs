using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using Ory.Identity.Storage;
using Ory.Identity.Storage.InMemory;
using Ory.Identity.Tests.Support;

namespace Ory.Identity.Tests.Recovery;

/// <summary>
/// Self-service recovery does the same work for an unknown address as for a known one (the timing is measured in
/// benchmarks/, never asserted): the same store calls in the same order, with a conditional write for the unknown
/// address's secret hash (which matches nothing) where a known address's secret is inserted, and nothing stored for it.
/// </summary>
public sealed class UnknownAddressEqualWorkTests
{
    private static (TestHost Host, RecordingStoreProxy<IRecoveryStore> Recovery, RecordingStoreProxy<IIdentityStore> Identities) Host(string use, bool notify)
    {
        RecordingStoreProxy<IRecoveryStore>? recovery = null;
        RecordingStoreProxy<IIdentityStore>? identities = null;
        var host = new TestHost(configure: builder =>
        {
            builder
                .Configure(o =>
                {
                    o.SelfService.Methods.Link.Enabled = true;
                    o.SelfService.Methods.Link.Config.BaseUrl = RecoveryTestHost.SeedBaseUrl;
                    o.Secrets.Cookie = [RecoveryTestHost.Secret];
                    o.SelfService.Flows.Recovery.Enabled = true;
                    o.SelfService.Flows.Recovery.Use = use;
                    o.SelfService.Flows.Recovery.NotifyUnknownRecipients = notify;
                })
                .UseInMemoryRecoveryOutbox();
            recovery = (RecordingStoreProxy<IRecoveryStore>)(object)DispatchProxy.Create<IRecoveryStore, RecordingStoreProxy<IRecoveryStore>>();
            identities = (RecordingStoreProxy<IIdentityStore>)(object)DispatchProxy.Create<IIdentityStore, RecordingStoreProxy<IIdentityStore>>();
            builder.Services.AddSingleton(sp => recovery.Wrapping(sp.GetRequiredService<InMemoryRecoveryStore>()));
            builder.Services.AddSingleton(sp => identities.Wrapping(sp.GetRequiredService<InMemoryIdentityStore>()));
        });
        _ = host.Get<IRecoveryStore>();
        _ = host.Get<IIdentityStore>();
        return (host, recovery!, identities!);
    }

    private static async Task<(string[] Recovery, string[] Identities)> SubmitAsync(
        TestHost host, RecordingStoreProxy<IRecoveryStore> recovery, RecordingStoreProxy<IIdentityStore> identities, string email)
    {
        var flow = await host.SelfService().CreateFlowAsync();
        recovery.Calls.Clear();
        identities.Calls.Clear();
        await host.SelfService().SubmitAddressAsync(flow.Id, email);
        // Starting a flow may start the expired-records cleanup in the background; it is no part of the submission.
        return ([.. recovery.Calls.Where(call => call != nameof(IRecoveryStore.DeleteExpiredAsync))], [.. identities.Calls]);
    }

    [Theory]
    [InlineData("code", false)]
    [InlineData("code", true)]
    [InlineData("link", false)]
    [InlineData("link", true)]
    public async Task Unknown_address_makes_the_same_store_calls_in_the_same_order_as_a_known_one(string use, bool notify)
    {
        var (host, recovery, identities) = Host(use, notify);
        using var _ = host;
        await host.CreateFooAsync();

        var known = await SubmitAsync(host, recovery, identities, "foo@ory.sh");
        var unknown = await SubmitAsync(host, recovery, identities, "nobody@ory.sh");

        string[] expected = use == "code"
            ? ["GetFlowAsync", "TryCountMessageAsync", "DeleteUnusedSecretsAsync", "InsertSecretAsync", "UpdateFlowAsync"]
            : ["GetFlowAsync", "TryCountMessageAsync", "InsertSecretAsync", "UpdateFlowAsync"];
        known.Recovery.Should().Equal(expected);
        unknown.Recovery.Should().Equal(expected.Select(call => call == "InsertSecretAsync" ? "ConsumeSecretAsync" : call));
        unknown.Identities.Should().Equal(known.Identities).And.Equal("FindByAddressAsync");
    }

    [Theory]
    [InlineData("code")]
    [InlineData("link")]
    public async Task Unknown_address_writes_for_its_secrets_keyed_hash_and_stores_nothing(string use)
    {
        var (host, recovery, _) = Host(use, notify: false);
        using var __ = host;
        var store = host.Get<InMemoryRecoveryStore>();
        var flow = await host.SelfService().CreateFlowAsync();
        var method = use == "code" ? RecoveryMethod.Code : RecoveryMethod.Link;

        await host.SelfService().SubmitAddressAsync(flow.Id, "nobody@ory.sh");

        recovery.Calls.Should().Contain("ConsumeSecretAsync").And.NotContain("InsertSecretAsync");
        var lookup = recovery.Arguments.ElementAt(recovery.Calls.ToList().IndexOf("ConsumeSecretAsync"));
        lookup[0].Should().Be(flow.Id);
        lookup[1].Should().Be(method);
        lookup[3].Should().Be(TestHost.Start);
        lookup[2].Should().BeAssignableTo<IReadOnlyCollection<string>>()
            .Which.Should().ContainSingle().Which.Should().MatchRegex("^[0-9a-f]{64}$", "a keyed HMAC-SHA512/256 of a fresh secret, as for a known address");
        (await store.DeleteUnusedSecretsAsync(flow.Id, method)).Should().Be(0, "nothing is stored for an unknown address");
        host.Outbox().Messages.Should().BeEmpty();
    }
}
