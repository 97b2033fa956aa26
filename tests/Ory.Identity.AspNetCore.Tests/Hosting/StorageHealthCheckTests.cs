using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Ory.Identity.AspNetCore.Tests.Hosting;

public sealed class StorageHealthCheckTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("ory-health-").FullName;

    [Fact]
    public async Task The_sqlite_storage_reports_its_database_under_the_default_name()
    {
        var report = await CheckAsync(b => b.UseSqliteStorage($"Data Source={Path.Combine(_folder, "h.db")}"));

        var entry = report.Entries[OryIdentityHealthChecksBuilderExtensions.DefaultStorageCheckName];
        entry.Status.Should().Be(HealthStatus.Healthy);
        entry.Data.Should().ContainKey("schema_version");
        entry.Description.Should().NotContain(_folder, "no connection string is reported");
    }

    [Fact]
    public async Task The_in_memory_storage_is_healthy_without_a_check_of_its_own()
    {
        var report = await CheckAsync(b => b.UseInMemoryStorage());

        report.Entries[OryIdentityHealthChecksBuilderExtensions.DefaultStorageCheckName].Status.Should().Be(HealthStatus.Healthy);
        report.Entries[OryIdentityHealthChecksBuilderExtensions.DefaultStorageCheckName].Data.Should().BeEmpty();
    }

    [Fact]
    public async Task The_check_follows_the_storage_chosen_last()
    {
        var report = await CheckAsync(b => b.UseSqliteStorage($"Data Source={Path.Combine(_folder, "l.db")}").UseInMemoryStorage());

        report.Entries[OryIdentityHealthChecksBuilderExtensions.DefaultStorageCheckName].Data.Should().NotContainKey("schema_version");
        File.Exists(Path.Combine(_folder, "l.db")).Should().BeFalse("the SQLite database of the losing storage is never opened");
    }

    [Fact]
    public async Task Without_storage_the_check_reports_the_failure_status_naming_the_fix()
    {
        var report = await CheckAsync(_ => { }, failureStatus: HealthStatus.Degraded, name: "identity", tags: ["ready"]);

        var entry = report.Entries["identity"];
        entry.Status.Should().Be(HealthStatus.Degraded);
        entry.Description.Should().Contain("Use…Storage()");
        entry.Tags.Should().Equal("ready");
    }

    [Fact]
    public async Task A_storage_without_a_check_of_its_own_is_healthy_without_its_store_being_built()
    {
        var built = 0;

        var report = await CheckAsync(b => b.Services.AddSingleton<Ory.Identity.Storage.IIdentityStore>(_ =>
        {
            Interlocked.Increment(ref built);
            throw new InvalidOperationException("The health check built the store.");
        }));

        report.Entries[OryIdentityHealthChecksBuilderExtensions.DefaultStorageCheckName].Status.Should().Be(HealthStatus.Healthy);
        built.Should().Be(0);
    }

    [Fact]
    public async Task A_storage_that_does_not_answer_is_unhealthy()
    {
        var report = await CheckAsync(b => b.UseSqliteStorage($"Data Source={Path.Combine(_folder, "missing", "x.db")};Mode=ReadOnly"));

        report.Entries[OryIdentityHealthChecksBuilderExtensions.DefaultStorageCheckName].Status.Should().Be(HealthStatus.Unhealthy);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static async Task<HealthReport> CheckAsync(
        Action<OryIdentityBuilder> storage,
        HealthStatus? failureStatus = null,
        string name = OryIdentityHealthChecksBuilderExtensions.DefaultStorageCheckName,
        string[]? tags = null)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        storage(services.AddOryIdentity());
        services.AddHealthChecks().AddOryIdentityStorage(name, failureStatus, tags);
        await using var provider = services.BuildServiceProvider();
        return await provider.GetRequiredService<HealthCheckService>().CheckHealthAsync();
    }
}
