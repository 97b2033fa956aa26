using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Ory.Identity.Fuzz.Tests.Server;
using Ory.Identity.Storage;

namespace Ory.Identity.Fuzz.Tests.Oracle;

public sealed class StoreSnapshotTests(InMemoryQuickStart quickStart) : IClassFixture<InMemoryQuickStart>
{
    [Fact]
    public async Task A_change_to_any_identity_or_seeded_flow_is_reported_without_values()
    {
        var store = quickStart.Server.Services.GetRequiredService<IIdentityStore>();
        var human = Guid.Parse(quickStart.Seeds.Values["human"]);
        var flow = Guid.Parse(quickStart.Seeds.Values["flow"]);
        var before = await StoreSnapshot.CaptureAsync(quickStart.Server.Services, [flow]);
        (await StoreSnapshot.CaptureAsync(quickStart.Server.Services, [flow])).DifferencesFrom(before).Should().BeEmpty();

        await store.UpdateAsync(human, identity => identity with { MetadataPublic = JsonDocument.Parse("""{"plan":"hacked"}""").RootElement.Clone() });
        var after = await StoreSnapshot.CaptureAsync(quickStart.Server.Services, [flow]);

        after.DifferencesFrom(before).Should().Equal($"identity {human} changed (metadata_public)");
        string.Join(' ', after.DifferencesFrom(before)).Should().NotContain("hacked");
        before.DifferencesFrom(after).Should().ContainSingle();
    }
}
