using NodaTime;
using Ory.Identity.Tests.Support;

namespace Ory.Identity.Tests.ApiKeys;

public sealed class ApiKeyLastUsedTests : IDisposable
{
    private readonly TestHost _host = MachineTestHost.Create(o => o.ApiKeys.LastUsedAtInterval = "1m");

    public void Dispose() => _host.Dispose();

    private IApiKeyManager Keys => _host.ApiKeys();

    private async Task<Instant?> StoredLastUseAsync(Guid identityId) =>
        (await _host.Store.GetAsync(identityId))!.Credentials[CredentialsType.ApiKey].Config!.Value
            .GetProperty("keys")[0].TryGetProperty("last_used_at", out var value)
            ? OryIdentityJson.Deserialize<Instant>(value.GetRawText())
            : null;

    [Fact]
    public async Task Uses_are_noted_in_memory_and_written_once_per_interval()
    {
        var account = await _host.CreateServiceAccountAsync();
        var issued = await Keys.IssueAsync(account.Id, "ci");
        var updatedAt = (await _host.Store.GetAsync(account.Id))!.UpdatedAt;

        for (var i = 0; i < 100; i++)
        {
            (await Keys.AuthenticateAsync(issued.Secret)).Succeeded.Should().BeTrue();
        }

        // Not written per request, but listed at once.
        (await StoredLastUseAsync(account.Id)).Should().BeNull();
        (await Keys.ListAsync(account.Id)).Single().LastUsedAt.Should().Be(TestHost.Start);

        // Written when the interval has passed (by the next use), without touching the identity's updated_at.
        _host.Clock.Advance(Duration.FromMinutes(1));
        (await Keys.AuthenticateAsync(issued.Secret)).Succeeded.Should().BeTrue();
        await _host.Get<ApiKeyUsageRecorder>().FlushAsync();

        (await StoredLastUseAsync(account.Id)).Should().Be(TestHost.Start + Duration.FromMinutes(1));
        (await _host.Store.GetAsync(account.Id))!.UpdatedAt.Should().Be(updatedAt);
        (await Keys.ListAsync(account.Id)).Single().LastUsedAt.Should().Be(TestHost.Start + Duration.FromMinutes(1));
    }

    [Fact]
    public async Task Pending_uses_are_written_when_the_host_stops()
    {
        var account = await _host.CreateServiceAccountAsync();
        var issued = await Keys.IssueAsync(account.Id, "ci");
        (await Keys.AuthenticateAsync(issued.Secret)).Succeeded.Should().BeTrue();
        var store = _host.Store;

        _host.Dispose();

        var stored = (await store.GetAsync(account.Id))!.Credentials[CredentialsType.ApiKey].Config!.Value.GetProperty("keys")[0];
        stored.GetProperty("last_used_at").GetString().Should().Be("2026-11-27T10:00:00Z");
    }

    [Fact]
    public async Task A_write_for_a_deleted_identity_is_dropped()
    {
        var account = await _host.CreateServiceAccountAsync();
        var issued = await Keys.IssueAsync(account.Id, "ci");
        (await Keys.AuthenticateAsync(issued.Secret)).Succeeded.Should().BeTrue();
        await _host.Manager.DeleteAsync(account.Id);

        var flush = () => _host.Get<ApiKeyUsageRecorder>().FlushAsync();

        await flush.Should().NotThrowAsync();
        _host.Get<ApiKeyUsageRecorder>().PendingLastUse(account.Id, issued.Key.Id).Should().BeNull();
        (await _host.Store.GetAsync(account.Id)).Should().BeNull();
    }

    [Fact]
    public async Task Revoking_while_a_use_is_pending_keeps_the_revocation()
    {
        var account = await _host.CreateServiceAccountAsync();
        var issued = await Keys.IssueAsync(account.Id, "ci");
        (await Keys.AuthenticateAsync(issued.Secret)).Succeeded.Should().BeTrue();
        await Keys.RevokeAsync(account.Id, issued.Key.Id);

        await _host.Get<ApiKeyUsageRecorder>().FlushAsync();

        (await Keys.AuthenticateAsync(issued.Secret)).Failure.Should().Be(ApiKeyAuthenticationFailure.Revoked);
        (await Keys.ListAsync(account.Id)).Single().Should().Match<ApiKey>(k => k.State == ApiKeyState.Revoked && k.LastUsedAt == TestHost.Start);
    }
    [Fact]
    public async Task Uses_within_a_second_of_the_noted_one_are_not_noted_again()
    {
        var account = await _host.CreateServiceAccountAsync();
        var issued = await Keys.IssueAsync(account.Id, "ci");
        var recorder = _host.Get<ApiKeyUsageRecorder>();

        (await Keys.AuthenticateAsync(issued.Secret)).Succeeded.Should().BeTrue();
        _host.Clock.Advance(Duration.FromMilliseconds(999));
        (await Keys.AuthenticateAsync(issued.Secret)).Succeeded.Should().BeTrue();
        recorder.PendingLastUse(account.Id, issued.Key.Id).Should().Be(TestHost.Start);

        _host.Clock.Advance(Duration.FromMilliseconds(1));
        (await Keys.AuthenticateAsync(issued.Secret)).Succeeded.Should().BeTrue();
        recorder.PendingLastUse(account.Id, issued.Key.Id).Should().Be(TestHost.Start + Duration.FromSeconds(1));
    }

    [Fact]
    public async Task A_flush_writes_each_key_its_own_last_use_and_keeps_the_later_stored_one()
    {
        var account = await _host.CreateServiceAccountAsync();
        var first = await Keys.IssueAsync(account.Id, "first");
        var second = await Keys.IssueAsync(account.Id, "second");
        var recorder = _host.Get<ApiKeyUsageRecorder>();

        (await Keys.AuthenticateAsync(first.Secret)).Succeeded.Should().BeTrue();
        _host.Clock.Advance(Duration.FromSeconds(5));
        (await Keys.AuthenticateAsync(second.Secret)).Succeeded.Should().BeTrue();
        await recorder.FlushAsync();

        recorder.PendingLastUse(account.Id, first.Key.Id).Should().BeNull("written uses are no longer pending");
        var listed = await Keys.ListAsync(account.Id);
        listed.Select(k => k.LastUsedAt).Should().Equal(TestHost.Start, TestHost.Start + Duration.FromSeconds(5));
        var stored = (await _host.Store.GetAsync(account.Id))!.Credentials[CredentialsType.ApiKey];
        stored.UpdatedAt.Should().Be(TestHost.Start, "recording uses does not touch the credential");
    }
}
