using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace Ory.Identity.Storage.PostgreSql.Tests;

public sealed class PostgreSqlStorageHealthCheckTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>
{
    private static HealthCheckContext Context(IHealthCheck check) => new()
    {
        Registration = new HealthCheckRegistration("ory-identity-postgres", check, HealthStatus.Unhealthy, null),
    };

    [PostgresFact]
    public async Task Healthy_when_the_database_answers_and_the_schema_is_migrated()
    {
        await using var dataSource = await database.CreateMigratedSchemaAsync();
        var check = new PostgreSqlStorageHealthCheck(dataSource);

        var result = await check.CheckHealthAsync(Context(check));

        result.Status.Should().Be(HealthStatus.Healthy);
        result.Data["schema_version"].Should().Be(PostgreSqlStorageMigrator.Migrations[^1].Version);
    }

    [PostgresFact]
    public async Task Degraded_when_migrations_are_pending()
    {
        await using var dataSource = await database.CreateSchemaAsync();
        var check = new PostgreSqlStorageHealthCheck(dataSource);

        var result = await check.CheckHealthAsync(Context(check));

        result.Status.Should().Be(HealthStatus.Degraded);
        result.Data["schema_version"].Should().Be(0);
    }

    [Fact]
    public async Task Unhealthy_when_the_database_does_not_answer_without_leaking_the_password()
    {
        await using var dataSource = NpgsqlDataSource.Create("Host=127.0.0.1;Port=1;Username=u;Password=hunter2-secret;Timeout=2");
        var check = new PostgreSqlStorageHealthCheck(dataSource);

        var result = await check.CheckHealthAsync(Context(check));

        result.Status.Should().Be(HealthStatus.Unhealthy);
        result.Description.Should().NotContain("hunter2");
        result.Exception!.ToString().Should().NotContain("hunter2");
    }
}
