using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;

namespace Ory.Identity.Storage.PostgreSql.Tests;

/// <summary>API keys with two app instances on one PostgreSQL database: a key issued on one works on the other, and a revocation or deactivation on one is seen by the other at once.</summary>
public sealed class PostgreSqlApiKeyTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>
{
    private const string MachineSchema =
        """{"type":"object","properties":{"traits":{"type":"object","properties":{"name":{"type":"string"}},"required":["name"]}}}""";

    private static ServiceProvider Instance(string connectionString) =>
        new ServiceCollection()
            .AddOryIdentity(o => o.Secrets.Default = ["a-postgres-api-key-secret-000001"])
            .AddSchema("default", "file://" + Path.Combine(AppContext.BaseDirectory, "TestData", "schemas", "quickstart-email-password.schema.json"))
            .AddMachineSchema("service", MachineSchema)
            .UsePostgreSqlStorage(connectionString)
            .Services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });

    [PostgresFact]
    public async Task Revocation_and_deactivation_on_one_instance_are_seen_by_the_other_at_once()
    {
        var connectionString = await database.CreateSchemaConnectionStringAsync();
        await using var first = Instance(connectionString);
        await using var second = Instance(connectionString);
        var account = await first.GetRequiredService<IIdentityManager>().CreateAsync(new CreateIdentityRequest
        {
            SchemaId = "service",
            Traits = JsonDocument.Parse("""{"name":"exporter"}""").RootElement.Clone(),
        });
        var keysOnFirst = first.GetRequiredService<IApiKeyManager>();
        var keysOnSecond = second.GetRequiredService<IApiKeyManager>();
        var old = await keysOnFirst.IssueAsync(account.Id, "old");
        var fresh = await keysOnFirst.IssueAsync(account.Id, "fresh");

        (await keysOnSecond.AuthenticateAsync(old.Secret)).Succeeded.Should().BeTrue();
        (await keysOnSecond.AuthenticateAsync(fresh.Secret)).Succeeded.Should().BeTrue();

        await keysOnFirst.RevokeAsync(account.Id, old.Key.Id);
        (await keysOnSecond.AuthenticateAsync(old.Secret)).Failure.Should().Be(ApiKeyAuthenticationFailure.Revoked);
        (await keysOnSecond.AuthenticateAsync(fresh.Secret)).Succeeded.Should().BeTrue();

        await first.GetRequiredService<IIdentityManager>().UpdateAsync(account.Id, new UpdateIdentityRequest
        {
            Traits = account.Traits,
            State = IdentityState.Inactive,
        });
        (await keysOnSecond.AuthenticateAsync(fresh.Secret)).Failure.Should().Be(ApiKeyAuthenticationFailure.IdentityInactive);

        (await second.GetRequiredService<IIdentityManager>().ListAsync(new IdentityListQuery { SchemaId = "service" })).Items
            .Select(i => i.Id).Should().Equal(account.Id);
    }
}
