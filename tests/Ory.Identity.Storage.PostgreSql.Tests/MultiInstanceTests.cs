using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Ory.Identity.Storage.PostgreSql.Tests;

/// <summary>
/// Two independent service providers (as two processes would be) on one database: the database alone decides which
/// create wins an email and which redemption gets a token.
/// </summary>
public sealed class MultiInstanceTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>
{
    private const string Secret = "a-very-secret-default-secret-0001";

    internal static ServiceProvider Instance(string connectionString, IRecoveryMessageSender? sender = null)
    {
        var schema = "file://" + Path.Combine(AppContext.BaseDirectory, "TestData", "schemas", "quickstart-email-password.schema.json");
        var services = new ServiceCollection();
        services.AddOryIdentity(o =>
            {
                o.Identity.DefaultSchemaId = "default";
                o.SelfService.Methods.Link.Enabled = true;
                o.SelfService.Methods.Link.Config.BaseUrl = "http://127.0.0.1:4455/";
                o.Secrets.Default = [Secret];
                o.SelfService.Flows.Recovery.Enabled = sender is not null;
                o.SelfService.Flows.Recovery.RateLimit.MaxMessages = 3;
            })
            .AddSchema("default", schema)
            .UsePostgreSqlStorage(connectionString);
        if (sender is not null)
        {
            services.AddSingleton(sender);
        }

        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    internal static CreateIdentityRequest Create(string email) => new()
    {
        Traits = JsonDocument.Parse($$"""{"email":"{{email}}"}""").RootElement.Clone(),
    };

    [PostgresFact]
    public async Task Two_instances_creating_overlapping_emails_in_parallel_keep_exactly_one_identity_per_email()
    {
        const int workersPerInstance = 6, perWorker = 20, distinct = 30;
        var connectionString = await database.CreateSchemaConnectionStringAsync();
        await using var first = Instance(connectionString);
        await using var second = Instance(connectionString);
        IIdentityManager[] managers = [first.GetRequiredService<IIdentityManager>(), second.GetRequiredService<IIdentityManager>()];
        var emails = Enumerable.Range(0, distinct).Select(i => $"user-{i}-{Guid.NewGuid():N}@example.org").ToArray();
        var created = new ConcurrentBag<Identity>();
        var failures = new ConcurrentBag<Exception>();

        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var workers = Enumerable.Range(0, workersPerInstance * 2).Select(worker => Task.Run(async () =>
        {
            await gate.Task;
            var manager = managers[worker % 2];
            for (var i = 0; i < perWorker; i++)
            {
                try
                {
                    created.Add(await manager.CreateAsync(Create(emails[((worker * perWorker) + (i * 7)) % distinct])));
                }
#pragma warning disable CA1031 // Every failure is collected and asserted on.
                catch (Exception e)
#pragma warning restore CA1031
                {
                    failures.Add(e);
                }
            }
        })).ToList();
        gate.SetResult();
        await Task.WhenAll(workers);

        failures.Should().AllBeOfType<IdentityConflictException>();
        (created.Count + failures.Count).Should().Be(workersPerInstance * 2 * perWorker);
        created.Should().HaveCount(distinct);
        created.Select(i => i.Traits.GetProperty("email").GetString()).Should().BeEquivalentTo(emails);
        foreach (var provider in new[] { first, second })
        {
            var store = provider.GetRequiredService<IIdentityStore>();
            (await store.CountAsync()).Should().Be(distinct);
            foreach (var identity in created)
            {
                var email = identity.Traits.GetProperty("email").GetString()!;
                (await store.FindByAddressAsync(AddressKind.Recovery, AddressVia.Email, email))!.Id.Should().Be(identity.Id);
            }
        }
    }

    [PostgresFact]
    public async Task Two_instances_redeeming_one_recovery_link_concurrently_let_exactly_one_win()
    {
        const int rounds = 5, redeemersPerInstance = 8;
        var connectionString = await database.CreateSchemaConnectionStringAsync();
        await using var first = Instance(connectionString);
        await using var second = Instance(connectionString);
        IRecoveryRedeemer[] redeemers = [first.GetRequiredService<IRecoveryRedeemer>(), second.GetRequiredService<IRecoveryRedeemer>()];
        var identity = await first.GetRequiredService<IIdentityManager>().CreateAsync(Create($"recover-{Guid.NewGuid():N}@example.org"));

        for (var round = 0; round < rounds; round++)
        {
            var link = await first.GetRequiredService<IRecoveryLinkIssuer>().CreateRecoveryLinkAsync(identity.Id);
            var token = new Uri(link.Link).Query.Split('&').Single(p => p.StartsWith("token=", StringComparison.Ordinal))["token=".Length..];
            var wins = new ConcurrentBag<RecoveryRedemption>();
            var failures = new ConcurrentBag<Exception>();

            var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var redeems = Enumerable.Range(0, redeemersPerInstance * 2).Select(i => Task.Run(async () =>
            {
                await gate.Task;
                try
                {
                    wins.Add(await redeemers[i % 2].RedeemLinkAsync(link.FlowId, token));
                }
#pragma warning disable CA1031 // Every failure is collected and asserted on.
                catch (Exception e)
#pragma warning restore CA1031
                {
                    failures.Add(e);
                }
            })).ToList();
            gate.SetResult();
            await Task.WhenAll(redeems);

            wins.Should().ContainSingle().Which.IdentityId.Should().Be(identity.Id);
            failures.Should().HaveCount((redeemersPerInstance * 2) - 1).And.AllBeOfType<RecoveryTokenInvalidException>();
        }
    }

    [PostgresFact]
    public async Task Two_instances_sending_recovery_messages_in_parallel_allow_one_budget_per_address()
    {
        const int submissionsPerInstance = 8, budget = 3;
        var connectionString = await database.CreateSchemaConnectionStringAsync();
        var sender = new CountingRecoveryMessageSender();
        await using var first = Instance(connectionString, sender);
        await using var second = Instance(connectionString, sender);
        ISelfServiceRecovery[] recoveries = [first.GetRequiredService<ISelfServiceRecovery>(), second.GetRequiredService<ISelfServiceRecovery>()];
        string[] emails = [$"budget-a-{Guid.NewGuid():N}@example.org", $"budget-b-{Guid.NewGuid():N}@example.org"];
        foreach (var email in emails)
        {
            await first.GetRequiredService<IIdentityManager>().CreateAsync(Create(email));
        }

        var flows = new List<(ISelfServiceRecovery Recovery, Guid Flow, string Email)>();
        for (var i = 0; i < submissionsPerInstance * 2 * emails.Length; i++)
        {
            var recovery = recoveries[i % 2];
            flows.Add((recovery, (await recovery.CreateFlowAsync()).Id, emails[i / 2 % emails.Length].ToUpperInvariant()));
        }

        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var answers = flows.Select(f => Task.Run(async () =>
        {
            await gate.Task;
            return await f.Recovery.SubmitAddressAsync(f.Flow, f.Email);
        })).ToList();
        gate.SetResult();
        var flowsAfter = await Task.WhenAll(answers);

        flowsAfter.Should().OnlyContain(f => f.State == RecoveryFlowState.SentEmail, "the answer does not change past the limit");
        sender.Messages.GroupBy(m => m.Recipient).Select(g => (g.Key, g.Count()))
            .Should().BeEquivalentTo(emails.Select(e => (e, budget)), "the two instances share one budget per address");

        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await using var keys = dataSource.CreateCommand("SELECT address_key, sent FROM recovery_message_windows");
        await using var reader = await keys.ExecuteReaderAsync();
        var windows = new List<(string Key, int Sent)>();
        while (await reader.ReadAsync())
        {
            windows.Add((reader.GetString(0), reader.GetInt32(1)));
        }

        windows.Should().HaveCount(emails.Length).And.OnlyContain(w => w.Sent == budget);
        windows.Should().OnlyContain(w => System.Text.RegularExpressions.Regex.IsMatch(w.Key, "^[0-9a-f]{64}$"), "the store holds a keyed hash, not the address");
    }
}
