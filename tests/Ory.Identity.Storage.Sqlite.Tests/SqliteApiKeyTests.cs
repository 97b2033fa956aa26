using Microsoft.Extensions.DependencyInjection;

namespace Ory.Identity.Storage.Sqlite.Tests;

/// <summary>Machine identities and their API keys on a SQLite file, across a restart of the app.</summary>
public sealed class SqliteApiKeyTests : IDisposable
{
    private const string MachineSchema =
        """{"type":"object","properties":{"traits":{"type":"object","properties":{"name":{"type":"string"}},"required":["name"]}}}""";

    private readonly TempDatabase _database = new();

    public void Dispose() => _database.Delete();

    private ServiceProvider App() =>
        new ServiceCollection()
            .AddOryIdentity(o => o.Secrets.Default = ["a-sqlite-api-key-test-secret-001"])
            .AddSchemaJson("default", """{"type":"object","properties":{"traits":{"type":"object","properties":{"email":{"type":"string"}}}}}""")
            .AddMachineSchema("service", MachineSchema)
            .UseSqliteStorage(_database.ConnectionString)
            .Services.BuildServiceProvider();

    [Fact]
    public async Task Keys_work_revoke_and_record_their_last_use_across_a_restart()
    {
        Guid account;
        IssuedApiKey first, second;
        await using (var app = App())
        {
            var keys = app.GetRequiredService<IApiKeyManager>();
            account = (await app.GetRequiredService<IIdentityManager>().CreateAsync(new CreateIdentityRequest
            {
                SchemaId = "service",
                Traits = System.Text.Json.JsonDocument.Parse("""{"name":"exporter"}""").RootElement,
            })).Id;
            first = await keys.IssueAsync(account, "first");
            second = await keys.IssueAsync(account, "second");
            (await keys.AuthenticateAsync(first.Secret)).Succeeded.Should().BeTrue();
        }

        await using (var restarted = App())
        {
            var keys = restarted.GetRequiredService<IApiKeyManager>();
            var listed = await keys.ListAsync(account);
            listed.Select(k => k.Name).Should().Equal("first", "second");
            listed[0].LastUsedAt.Should().NotBeNull("the use was written when the first app stopped");
            listed[1].LastUsedAt.Should().BeNull();

            var authenticated = await keys.AuthenticateAsync(second.Secret);
            authenticated.Succeeded.Should().BeTrue();
            authenticated.Identity!.Id.Should().Be(account);

            await keys.RevokeAsync(account, first.Key.Id);
            (await keys.AuthenticateAsync(first.Secret)).Failure.Should().Be(ApiKeyAuthenticationFailure.Revoked);
            (await keys.AuthenticateAsync(second.Secret)).Succeeded.Should().BeTrue();

            var machines = await restarted.GetRequiredService<IIdentityManager>().ListAsync(new IdentityListQuery { SchemaId = "service" });
            machines.Items.Select(i => i.Id).Should().Equal(account);
        }
    }
}
