using Ory.Identity.Tests.Support;

namespace Ory.Identity.Tests.Identities;

// Every path that hashes or verifies a password goes through the one bounded scheduler: past its queue limit each is
// refused with the typed 503 and leaves the store as it was; a login is served while a big batch hashes.
public sealed class HashingCapacityTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private readonly TestHost _host;

    public HashingCapacityTests() => _host = Host(maxConcurrency: 1, maxQueue: 0);

    public void Dispose() => _host.Dispose();

    private static TestHost Host(int maxConcurrency, int maxQueue, string memory = "64KB", int iterations = 1) => new(configure: b => b.Configure(o =>
    {
        o.Hashers.Algorithm = "argon2";
        o.Hashers.Argon2.Memory = memory;
        o.Hashers.Argon2.Iterations = iterations;
        o.Hashers.Argon2.Parallelism = 1;
        o.Hashers.MaxConcurrency = maxConcurrency;
        o.Hashers.MaxQueue = maxQueue;
    }));

    private static CreateIdentityRequest WithPassword(string email, string password) => OryIdentityJson.Deserialize<CreateIdentityRequest>(
        "{\"traits\":{\"email\":\"" + email + "\"},\"credentials\":{\"password\":{\"config\":{\"password\":\"" + password + "\"}}}}");

    // Holds every slot until disposed, so that callers must wait (and, with no queue, are refused).
    private static async Task<IAsyncDisposable> OccupyAsync(TestHost host)
    {
        var scheduler = host.Get<PasswordHashing>().Scheduler;
        var gate = new ManualResetEventSlim();
        var blockers = Enumerable.Range(0, scheduler.MaxConcurrency)
            .Select(_ => (Task)scheduler.RunAsync(null, () => gate.Wait(Patience), CancellationToken.None))
            .ToArray();
        while (scheduler.Running < scheduler.MaxConcurrency)
        {
            await Task.Delay(5);
        }

        return new Occupation(gate, blockers);
    }

    [Fact]
    public async Task A_create_with_a_cleartext_password_is_refused_at_capacity_and_stores_nothing()
    {
        await using (await OccupyAsync(_host))
        {
            var act = () => _host.Manager.CreateAsync(WithPassword("full@ory.sh", "correct horse battery"));

            var refusal = (await act.Should().ThrowAsync<HashingCapacityExceededException>()).Which;
            refusal.StatusCode.Should().Be(503);
            refusal.Message.Should().NotContain("correct horse battery");
        }

        (await _host.CountAsync()).Should().Be(0);
        (await _host.Manager.CreateAsync(WithPassword("free@ory.sh", "correct horse battery"))).Id.Should().NotBeEmpty("a free slot admits the next caller");
    }

    [Fact]
    public async Task A_create_without_a_password_never_waits_for_hashing()
    {
        await using (await OccupyAsync(_host))
        {
            (await _host.Manager.CreateAsync(TestHost.Create("""{"email":"nohash@ory.sh"}"""))).Id.Should().NotBeEmpty();
        }
    }

    [Fact]
    public async Task A_batch_that_would_wait_past_the_queue_limit_is_refused_whole_and_stores_nothing()
    {
        var act = () => _host.Manager.CreateManyAsync([WithPassword("b1@ory.sh", "pw-one-1"), WithPassword("b2@ory.sh", "pw-two-2"), WithPassword("b3@ory.sh", "pw-three")]);

        await act.Should().ThrowAsync<HashingCapacityExceededException>("one slot and no queue: the batch's second item would have to wait");
        (await _host.CountAsync()).Should().Be(0);
    }

    [Fact]
    public async Task A_batch_with_a_password_too_long_fails_whole_with_its_reason_and_leaves_nothing_queued()
    {
        using var host = Host(maxConcurrency: 1, maxQueue: 4);
        var requests = Enumerable.Range(0, 40)
            .Select(i => (CreateIdentityRequest?)WithPassword($"long{i}@ory.sh", i == 1 ? new string('x', 5000) : $"fine-password-{i}"))
            .ToArray();

        var act = () => host.Manager.CreateManyAsync(requests);

        (await act.Should().ThrowAsync<InvalidRequestException>()).Which.Error.Reason.Should().Be(PasswordHashing.PasswordTooLong);
        host.Get<PasswordHashing>().Scheduler.WaitingCallers.Should().Be(0, "the batch's waiting items left the queue with the failure");
        (await host.CountAsync()).Should().Be(0);
    }

    [Fact]
    public async Task A_put_with_a_cleartext_password_is_refused_at_capacity_and_leaves_the_identity_unchanged()
    {
        var created = await _host.Manager.CreateAsync(WithPassword("put@ory.sh", "old-password"));
        var before = await _host.Store.GetAsync(created.Id);
        var update = OryIdentityJson.Deserialize<UpdateIdentityRequest>(
            """{"traits":{"email":"put-new@ory.sh"},"credentials":{"password":{"config":{"password":"new-password"}}}}""");

        await using (await OccupyAsync(_host))
        {
            var act = () => _host.Manager.UpdateAsync(created.Id, update);
            await act.Should().ThrowAsync<HashingCapacityExceededException>();
        }

        var after = await _host.Store.GetAsync(created.Id);
        OryIdentityJson.Serialize(after!).Should().Be(OryIdentityJson.Serialize(before!));
        (await _host.Manager.VerifyPasswordAsync("put@ory.sh", "old-password")).Succeeded.Should().BeTrue();
    }

    [Fact]
    public async Task A_login_is_refused_at_capacity_whether_or_not_the_identifier_exists()
    {
        await _host.Manager.CreateAsync(WithPassword("login@ory.sh", "the-password"));

        await using (await OccupyAsync(_host))
        {
            var known = () => _host.Manager.VerifyPasswordAsync("login@ory.sh", "the-password");
            var unknown = () => _host.Manager.VerifyPasswordAsync("nobody@ory.sh", "the-password");
            await known.Should().ThrowAsync<HashingCapacityExceededException>();
            await unknown.Should().ThrowAsync<HashingCapacityExceededException>();
        }

        (await _host.Manager.VerifyPasswordAsync("login@ory.sh", "the-password")).Succeeded.Should().BeTrue();
    }

    [Fact]
    public async Task A_login_canceled_while_it_waits_leaves_the_queue()
    {
        using var host = Host(maxConcurrency: 1, maxQueue: 4);
        await host.Manager.CreateAsync(WithPassword("wait@ory.sh", "the-password"));
        var scheduler = host.Get<PasswordHashing>().Scheduler;
        using var cancel = new CancellationTokenSource();

        await using (await OccupyAsync(host))
        {
            var login = host.Manager.VerifyPasswordAsync("wait@ory.sh", "the-password", cancel.Token);
            while (scheduler.WaitingCallers == 0)
            {
                await Task.Delay(5);
            }

            await cancel.CancelAsync();
            var outcome = async () => await login;
            await outcome.Should().ThrowAsync<OperationCanceledException>();
            scheduler.WaitingCallers.Should().Be(0);
        }
    }

    [Fact]
    public async Task A_login_is_served_while_a_big_batch_of_cleartext_passwords_is_hashed()
    {
        // Hashes of a few milliseconds each, one slot: the batch takes 60 of them in turn with the login.
        using var host = Host(maxConcurrency: 1, maxQueue: 4, memory: "4MB", iterations: 2);
        await host.Manager.CreateAsync(WithPassword("single@ory.sh", "the-password"));
        var scheduler = host.Get<PasswordHashing>().Scheduler;
        var requests = Enumerable.Range(0, 60).Select(i => (CreateIdentityRequest?)WithPassword($"bulk{i}@ory.sh", $"bulk-password-{i}")).ToArray();

        var batch = host.Manager.CreateManyAsync(requests);
        while (scheduler.WaitingCallers == 0 && !batch.IsCompleted)
        {
            await Task.Delay(1);
        }

        var login = await host.Manager.VerifyPasswordAsync("single@ory.sh", "the-password").WaitAsync(Patience);

        login.Succeeded.Should().BeTrue();
        batch.IsCompleted.Should().BeFalse("the login got a slot in turn instead of waiting behind the whole batch");
        (await batch.WaitAsync(Patience)).Identities.Should().OnlyContain(r => r!.Succeeded);
        (await host.CountAsync()).Should().Be(61);
    }

    private sealed class Occupation(ManualResetEventSlim gate, Task[] blockers) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            gate.Set();
            await Task.WhenAll(blockers);
            gate.Dispose();
        }
    }
}
