using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Ory.Identity.Storage;

namespace Ory.Identity.Storage.PostgreSql.Tests;

/// <summary>
/// Two independent service providers (as two processes would be) on one database: the database alone decides which
/// create wins an email and which redemption gets a token.
/// </summary>
public sealed class MultiInstanceTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>
{
    private const string Secret = "a-very-secret-default-secret-0001";

    private static ServiceProvider Instance(string connectionString)
    {
        var schema = "file://" + Path.Combine(AppContext.BaseDirectory, "TestData", "schemas", "quickstart-email-password.schema.json");
        var services = new ServiceCollection();
        services.AddOryIdentity(o =>
            {
                o.Identity.DefaultSchemaId = "default";
                o.SelfService.Methods.Link.Enabled = true;
                o.SelfService.Methods.Link.Config.BaseUrl = "http://127.0.0.1:4455/";
                o.Secrets.Default = [Secret];
            })
            .AddSchema("default", schema)
            .UsePostgreSqlStorage(connectionString);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    private static CreateIdentityRequest Create(string email) => new()
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
}
