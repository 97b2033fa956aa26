using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Ory.Identity.Storage.Sqlite.Tests;

public sealed class SqliteStorageHealthCheckTests : IDisposable
{
    private readonly TempDatabase _database = new();

    public void Dispose() => _database.Delete();

    [Fact]
    public async Task Healthy_when_the_database_answers_and_its_schema_is_current()
    {
        await SqliteStorageMigrator.MigrateAsync(_database.ConnectionString);

        var result = await new SqliteStorageHealthCheck(_database.Options(migrateOnStart: false)).CheckHealthAsync(new HealthCheckContext());

        result.Status.Should().Be(HealthStatus.Healthy);
        result.Data["schema_version"].Should().Be(SqliteStorageMigrator.LatestVersion);
    }

    [Fact]
    public async Task With_MigrateOnStart_the_first_probe_migrates_and_is_healthy()
    {
        var result = await new SqliteStorageHealthCheck(_database.Options()).CheckHealthAsync(new HealthCheckContext());

        result.Status.Should().Be(HealthStatus.Healthy);
        (await SqliteStorageMigrator.GetVersionAsync(_database.ConnectionString)).Should().Be(SqliteStorageMigrator.LatestVersion);
    }

    [Fact]
    public async Task Unhealthy_when_the_schema_is_not_migrated()
    {
        var result = await new SqliteStorageHealthCheck(_database.Options(migrateOnStart: false)).CheckHealthAsync(new HealthCheckContext());

        result.Status.Should().Be(HealthStatus.Unhealthy);
        result.Data["schema_version"].Should().Be(0);
    }

    [Fact]
    public async Task Unhealthy_when_the_file_is_not_a_database()
    {
        await File.WriteAllTextAsync(_database.Path, new string('x', 4096));

        var result = await new SqliteStorageHealthCheck(_database.Options()).CheckHealthAsync(new HealthCheckContext());

        result.Status.Should().Be(HealthStatus.Unhealthy);
        result.Exception.Should().NotBeNull();
        result.Description.Should().NotContain(_database.Path);
    }
}
