using Microsoft.Extensions.DependencyInjection;
using Ory.Identity.Storage;
using Ory.Identity.Tests.Support;

namespace Ory.Identity.Tests.ApiKeys;

public sealed class ApiKeySecretRotationTests
{
    private const string Old = "the-old-api-key-secret-000000001";
    private const string New = "the-new-api-key-secret-000000002";

    [Fact]
    public async Task Keys_survive_a_secret_rotation_and_move_to_the_new_secret_on_use()
    {
        using var before = MachineTestHost.Create(o => o.Secrets.Default = [Old]);
        var account = await before.CreateServiceAccountAsync();
        var issued = await before.ApiKeys().IssueAsync(account.Id, "ci");
        var store = before.Store;

        // Step 1: the new secret goes first, the old one stays to verify.
        using (var rotating = Sharing(store, New, Old))
        {
            (await rotating.ApiKeys().AuthenticateAsync(issued.Secret)).Succeeded.Should().BeTrue();
            await rotating.Get<ApiKeyUsageRecorder>().FlushAsync();

            var fresh = await rotating.ApiKeys().IssueAsync(account.Id, "fresh");
            using var newOnly = Sharing(store, New);
            (await newOnly.ApiKeys().AuthenticateAsync(fresh.Secret)).Succeeded.Should().BeTrue("new keys are hashed with the first secret");
        }

        // Step 2: the old secret is removed; the used key was re-hashed, so it still works.
        using var after = Sharing(store, New);
        (await after.ApiKeys().AuthenticateAsync(issued.Secret)).Succeeded.Should().BeTrue();
    }

    [Fact]
    public async Task An_unused_key_hashed_under_a_removed_secret_stops_working()
    {
        using var before = MachineTestHost.Create(o => o.Secrets.Default = [Old]);
        var account = await before.CreateServiceAccountAsync();
        var issued = await before.ApiKeys().IssueAsync(account.Id, "ci");

        using var after = Sharing(before.Store, New);

        (await after.ApiKeys().AuthenticateAsync(issued.Secret)).Failure.Should().Be(ApiKeyAuthenticationFailure.InvalidSecret);
    }

    private static TestHost Sharing(IIdentityStore store, params string[] secrets) =>
        MachineTestHost.Create(o => o.Secrets.Default = secrets, b => b.Services.AddSingleton(store));
}
