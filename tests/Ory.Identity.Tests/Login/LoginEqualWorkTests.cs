using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using Ory.Identity.Storage;
using Ory.Identity.Storage.InMemory;
using Ory.Identity.Tests.Support;

namespace Ory.Identity.Tests.Login;

/// <summary>An unknown identifier, a wrong password and an identity without a password take the same store calls.</summary>
public sealed class LoginEqualWorkTests
{
    [Fact]
    public async Task The_three_failures_make_the_same_store_calls_in_the_same_order()
    {
        RecordingStoreProxy<IIdentityStore>? identities = null;
        RecordingStoreProxy<ISelfServiceFlowStore>? flows = null;
        using var host = new TestHost(configure: builder =>
        {
            identities = (RecordingStoreProxy<IIdentityStore>)(object)DispatchProxy.Create<IIdentityStore, RecordingStoreProxy<IIdentityStore>>();
            flows = (RecordingStoreProxy<ISelfServiceFlowStore>)(object)DispatchProxy.Create<ISelfServiceFlowStore, RecordingStoreProxy<ISelfServiceFlowStore>>();
            builder.Services.AddSingleton(sp => identities.Wrapping(sp.GetRequiredService<InMemoryIdentityStore>()));
            builder.Services.AddSingleton(sp => flows.Wrapping(sp.GetRequiredService<InMemorySelfServiceFlowStore>()));
        });
        await host.CreateWithPasswordAsync();
        await host.CreateInviteeAsync("invited@ory.sh");
        var calls = new List<string>();
        foreach (var (identifier, password) in new[]
                 {
                     ("nobody@ory.sh", SelfServiceFlowTestHost.GoodPassword),
                     (SelfServiceFlowTestHost.Email, "wrong-password-123"),
                     ("invited@ory.sh", SelfServiceFlowTestHost.GoodPassword),
                 })
        {
            var flow = await host.Login().CreateFlowAsync();
            identities!.Calls.Clear();
            flows!.Calls.Clear();
            await FluentActions.Awaiting(() => host.Login().SubmitPasswordAsync(flow.Id, identifier, password)).Should().ThrowAsync<LoginFlowValidationException>();
            calls.Add(string.Join(",", identities.Calls) + " | " + string.Join(",", flows.Calls));
        }

        calls.Distinct().Should().ContainSingle();
        calls[0].Should().Be("FindByCredentialsIdentifierAsync | GetAsync,UpdateAsync");
    }
}
