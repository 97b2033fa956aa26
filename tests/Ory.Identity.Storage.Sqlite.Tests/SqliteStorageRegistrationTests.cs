using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Ory.Identity.Storage.Specification;

namespace Ory.Identity.Storage.Sqlite.Tests;

public sealed class SqliteStorageRegistrationTests : IDisposable
{
    private readonly TempDatabase _database = new();

    public void Dispose() => _database.Delete();

    [Fact]
    public async Task UseSqliteStorage_registers_shared_singletons_over_one_database()
    {
        var services = new ServiceCollection();

        new OryIdentityBuilder(services).UseSqliteStorage(_database.ConnectionString);
        await using var provider = services.BuildServiceProvider();

        var identities = provider.GetRequiredService<IIdentityStore>();
        identities.Should().BeOfType<SqliteIdentityStore>().And.BeSameAs(provider.GetRequiredService<SqliteIdentityStore>());
        var recovery = provider.GetRequiredService<IRecoveryStore>();
        recovery.Should().BeOfType<SqliteRecoveryStore>().And.BeSameAs(provider.GetRequiredService<SqliteRecoveryStore>());
        var sessions = provider.GetRequiredService<ISessionStore>();
        sessions.Should().BeOfType<SqliteSessionStore>().And.BeSameAs(provider.GetRequiredService<SqliteSessionStore>());
        var flows = provider.GetRequiredService<ISelfServiceFlowStore>();
        flows.Should().BeOfType<SqliteSelfServiceFlowStore>().And.BeSameAs(provider.GetRequiredService<SqliteSelfServiceFlowStore>());

        var identity = IdentityStoreTestData.NewIdentity();
        await identities.InsertAsync(identity);
        var flow = RecoveryStoreTestData.NewFlow(identity.Id);
        await recovery.InsertFlowAsync(flow);
        (await new SqliteIdentityStore(_database.Options()).GetAsync(identity.Id)).Should().NotBeNull();
        (await new SqliteRecoveryStore(_database.Options()).GetFlowAsync(flow.Id)).Should().Be(flow);
        var session = SessionStoreTestData.NewSession(identity.Id);
        await sessions.InsertAsync(session);
        (await new SqliteSessionStore(_database.Options()).FindByTokenHashAsync([session.TokenHash]))!.Id.Should().Be(session.Id);
        var login = SelfServiceFlowStoreTestData.NewFlow();
        await flows.InsertAsync(login);
        (await new SqliteSelfServiceFlowStore(_database.Options()).GetAsync(login.Id, login.Kind)).Should().Be(login);
        (await provider.GetRequiredService<SqliteStorageHealthCheck>().CheckHealthAsync(new HealthCheckContext()))
            .Status.Should().Be(HealthStatus.Healthy);
    }

    [Fact]
    public void UseSqliteStorage_applies_the_options()
    {
        var services = new ServiceCollection();

        new OryIdentityBuilder(services).UseSqliteStorage(_database.ConnectionString, o => o.MigrateOnStart = false);
        using var provider = services.BuildServiceProvider();

        var options = provider.GetRequiredService<Microsoft.Extensions.Options.IOptions<SqliteStorageOptions>>().Value;
        options.ConnectionString.Should().Be(_database.ConnectionString);
        options.MigrateOnStart.Should().BeFalse();
    }

    [Fact]
    public void UseSqliteStorage_is_idempotent_and_keeps_a_store_registered_before()
    {
        var services = new ServiceCollection();
        var mine = new SqliteIdentityStore(_database.Options());
        services.AddSingleton<IIdentityStore>(mine);
        var builder = new OryIdentityBuilder(services);

        builder.UseSqliteStorage(_database.ConnectionString).Should().BeSameAs(builder);
        builder.UseSqliteStorage(_database.ConnectionString);
        using var provider = services.BuildServiceProvider();

        services.Count(d => d.ServiceType == typeof(IIdentityStore)).Should().Be(1);
        services.Count(d => d.ServiceType == typeof(IRecoveryStore)).Should().Be(1);
        services.Count(d => d.ServiceType == typeof(ISessionStore)).Should().Be(1);
        services.Count(d => d.ServiceType == typeof(ISelfServiceFlowStore)).Should().Be(1);
        services.Count(d => d.ServiceType == typeof(SqliteStorageHealthCheck)).Should().Be(1);
        provider.GetRequiredService<IIdentityStore>().Should().BeSameAs(mine);
        provider.GetRequiredService<IRecoveryStore>().Should().BeOfType<SqliteRecoveryStore>();
    }
}
