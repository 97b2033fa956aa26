using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Ory.Identity.Storage.PostgreSql.Tests;

/// <summary>What <c>UsePostgreSqlStorage</c> registers (resolving connects to nothing).</summary>
public sealed class PostgreSqlStorageRegistrationTests
{
    private const string ConnectionString = "Host=127.0.0.1;Port=1;Username=u;Database=d";

    [Fact]
    public async Task Registers_one_shared_singleton_per_store_and_the_health_check()
    {
        var services = new ServiceCollection();

        new OryIdentityBuilder(services).UsePostgreSqlStorage(ConnectionString);
        await using var provider = services.BuildServiceProvider();

        provider.GetRequiredService<IIdentityStore>().Should().BeOfType<PostgreSqlIdentityStore>()
            .And.BeSameAs(provider.GetRequiredService<PostgreSqlIdentityStore>());
        provider.GetRequiredService<IRecoveryStore>().Should().BeOfType<PostgreSqlRecoveryStore>()
            .And.BeSameAs(provider.GetRequiredService<PostgreSqlRecoveryStore>());
        provider.GetRequiredService<ISessionStore>().Should().BeOfType<PostgreSqlSessionStore>()
            .And.BeSameAs(provider.GetRequiredService<PostgreSqlSessionStore>());
        provider.GetRequiredService<ISelfServiceFlowStore>().Should().BeOfType<PostgreSqlSelfServiceFlowStore>()
            .And.BeSameAs(provider.GetRequiredService<PostgreSqlSelfServiceFlowStore>());
        provider.GetRequiredService<PostgreSqlStorageHealthCheck>().Should().NotBeNull();
    }

    [Fact]
    public async Task Is_idempotent_and_keeps_a_store_registered_before()
    {
        var services = new ServiceCollection();
        await using var dataSource = NpgsqlDataSource.Create(ConnectionString);
        var mine = new PostgreSqlIdentityStore(dataSource);
        services.AddSingleton<IIdentityStore>(mine);
        var builder = new OryIdentityBuilder(services);

        builder.UsePostgreSqlStorage(ConnectionString).Should().BeSameAs(builder);
        builder.UsePostgreSqlStorage(ConnectionString);
        await using var provider = services.BuildServiceProvider();

        services.Count(d => d.ServiceType == typeof(IRecoveryStore)).Should().Be(1);
        services.Count(d => d.ServiceType == typeof(PostgreSqlRecoveryStore)).Should().Be(1);
        services.Count(d => d.ServiceType == typeof(ISessionStore)).Should().Be(1);
        services.Count(d => d.ServiceType == typeof(ISelfServiceFlowStore)).Should().Be(1);
        provider.GetRequiredService<IIdentityStore>().Should().BeSameAs(mine);
    }

    [Fact]
    public async Task Uses_a_data_source_of_the_host_without_disposing_it()
    {
        await using var dataSource = NpgsqlDataSource.Create(ConnectionString);
        var services = new ServiceCollection();
        new OryIdentityBuilder(services).UsePostgreSqlStorage(dataSource, o => o.MigrateOnStart = false);

        await using (var provider = services.BuildServiceProvider())
        {
            provider.GetRequiredService<IIdentityStore>().Should().BeOfType<PostgreSqlIdentityStore>();
        }

        var act = () => dataSource.CreateCommand("SELECT 1");
        act.Should().NotThrow("the host owns the data source");
    }

    [Fact]
    public async Task Without_a_connection_string_or_data_source_resolving_fails_clearly()
    {
        var services = new ServiceCollection();
        new OryIdentityBuilder(services).UsePostgreSqlStorage(_ => { });
        await using var provider = services.BuildServiceProvider();

        var act = () => provider.GetRequiredService<IIdentityStore>();

        act.Should().Throw<InvalidOperationException>().WithMessage("*connection string*");
    }

    [PostgresFact]
    public async Task Migrates_before_the_first_store_call()
    {
        var database = new PostgresDatabase();
        await database.InitializeAsync();
        try
        {
            var services = new ServiceCollection();
            new OryIdentityBuilder(services).UsePostgreSqlStorage(await database.CreateSchemaConnectionStringAsync());
            await using var provider = services.BuildServiceProvider();

            var counts = await Task.WhenAll(Enumerable.Range(0, 4).Select(async _ => await provider.GetRequiredService<IIdentityStore>().CountAsync()));

            counts.Should().OnlyContain(c => c == 0);
            (await provider.GetRequiredService<IRecoveryStore>().GetFlowAsync(Guid.NewGuid())).Should().BeNull();
        }
        finally
        {
            await database.DisposeAsync();
        }
    }
}
