using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Ory.Identity.Storage;
using Ory.Identity.Storage.InMemory;
using Ory.Identity.Storage.PostgreSql;
using Ory.Identity.Storage.Sqlite;

namespace Ory.Identity.AspNetCore.Tests.Hosting;

/// <summary>The last <c>Use…Storage()</c> wins, for every order of every pair, and the losing storage leaves nothing behind.</summary>
public sealed class StorageChoiceTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("ory-storage-choice-").FullName;

    public static TheoryData<string, string> Pairs
    {
        get
        {
            var data = new TheoryData<string, string>();
            foreach (var first in Storages.Keys)
            {
                foreach (var second in Storages.Keys.Where(s => s != first))
                {
                    data.Add(first, second);
                }
            }

            return data;
        }
    }

    // Each storage: its package's assembly and the store types it resolves.
    private static readonly Dictionary<string, (Assembly Package, Type[] Stores, Type? HealthCheck)> Storages = new()
    {
        ["in-memory"] = (typeof(InMemoryIdentityStore).Assembly,
            [typeof(InMemoryIdentityStore), typeof(InMemoryRecoveryStore), typeof(InMemorySessionStore), typeof(InMemorySelfServiceFlowStore)], null),
        ["sqlite"] = (typeof(SqliteIdentityStore).Assembly,
            [typeof(SqliteIdentityStore), typeof(SqliteRecoveryStore), typeof(SqliteSessionStore), typeof(SqliteSelfServiceFlowStore)], typeof(SqliteStorageHealthCheck)),
        ["postgresql"] = (typeof(PostgreSqlIdentityStore).Assembly,
            [typeof(PostgreSqlIdentityStore), typeof(PostgreSqlRecoveryStore), typeof(PostgreSqlSessionStore), typeof(PostgreSqlSelfServiceFlowStore)], typeof(PostgreSqlStorageHealthCheck)),
    };

    [Theory]
    [MemberData(nameof(Pairs))]
    public void The_last_storage_chosen_is_the_one_resolved(string first, string second)
    {
        var services = new ServiceCollection();
        var builder = services.AddOryIdentity();
        Use(builder, first);
        Use(builder, second);
        using var provider = services.BuildServiceProvider();

        Type[] resolved =
        [
            provider.GetRequiredService<IIdentityStore>().GetType(),
            provider.GetRequiredService<IRecoveryStore>().GetType(),
            provider.GetRequiredService<ISessionStore>().GetType(),
            provider.GetRequiredService<ISelfServiceFlowStore>().GetType(),
        ];

        resolved.Should().Equal(Storages[second].Stores);
        provider.GetKeyedService<IHealthCheck>(OryIdentityHealthChecksBuilderExtensions.StorageHealthCheckKey)?.GetType()
            .Should().Be(Storages[second].HealthCheck);
    }

    [Theory]
    [MemberData(nameof(Pairs))]
    public void The_losing_storage_leaves_no_service_hosted_service_or_health_check_behind(string first, string second)
    {
        var services = new ServiceCollection();
        var builder = services.AddOryIdentity();
        Use(builder, first);
        Use(builder, second);
        using var provider = services.BuildServiceProvider();
        var loser = Storages[first];

        services.Where(d => FromPackage(d, loser.Package)).Select(d => d.ServiceType.ToString())
            .Should().BeEmpty($"nothing of {first} may resolve or run once {second} is chosen");
        provider.GetServices<IHostedService>().Select(s => s.GetType().Assembly).Should().NotContain(loser.Package);
        foreach (var store in loser.Stores)
        {
            provider.GetService(store).Should().BeNull();
        }

        if (loser.HealthCheck is not null)
        {
            provider.GetService(loser.HealthCheck).Should().BeNull();
        }
    }

    [Fact]
    public void Choosing_the_same_storage_again_adds_up_its_options()
    {
        var services = new ServiceCollection();
        var path = Path.Combine(_folder, "again.db");
        services.AddOryIdentity()
            .UseSqliteStorage($"Data Source={path}")
            .UseSqliteStorage(o => o.BusyTimeout = TimeSpan.FromSeconds(7));
        using var provider = services.BuildServiceProvider();

        var options = provider.GetRequiredService<Microsoft.Extensions.Options.IOptions<SqliteStorageOptions>>().Value;

        options.ConnectionString.Should().Be($"Data Source={path}");
        options.BusyTimeout.Should().Be(TimeSpan.FromSeconds(7));
        provider.GetRequiredService<IIdentityStore>().Should().BeOfType<SqliteIdentityStore>();
    }

    [Fact]
    public void A_store_registered_directly_before_the_choice_is_kept()
    {
        var services = new ServiceCollection();
        var own = new InMemoryIdentityStore();
        services.AddSingleton<IIdentityStore>(own);
        services.AddOryIdentity().UseSqliteStorage($"Data Source={Path.Combine(_folder, "own.db")}").UseInMemoryStorage();
        using var provider = services.BuildServiceProvider();

        provider.GetRequiredService<IIdentityStore>().Should().BeSameAs(own);
        provider.GetRequiredService<IRecoveryStore>().Should().BeOfType<InMemoryRecoveryStore>();
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private void Use(OryIdentityBuilder builder, string storage)
    {
        switch (storage)
        {
            case "in-memory": builder.UseInMemoryStorage(); break;
            case "sqlite": builder.UseSqliteStorage($"Data Source={Path.Combine(_folder, "identities.db")}"); break;
            default: builder.UsePostgreSqlStorage("Host=127.0.0.1;Port=1;Username=nobody;Database=never_opened"); break;
        }
    }

    private static bool FromPackage(ServiceDescriptor descriptor, Assembly package) =>
        Mentions(descriptor.ServiceType, package)
        || Mentions(descriptor.IsKeyedService ? descriptor.KeyedImplementationType : descriptor.ImplementationType, package)
        || (descriptor.IsKeyedService ? descriptor.KeyedImplementationInstance : descriptor.ImplementationInstance)?.GetType().Assembly == package;

    private static bool Mentions(Type? type, Assembly package) =>
        type is not null && (type.Assembly == package || type.GenericTypeArguments.Any(a => Mentions(a, package)));
}
