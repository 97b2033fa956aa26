using Microsoft.Extensions.DependencyInjection;

namespace Ory.Identity.Storage.InMemory.Tests;

public sealed class InMemoryStorageRegistrationTests
{
    [Fact]
    public void UseInMemoryStorage_registers_one_shared_singleton_for_both_service_types()
    {
        var services = new ServiceCollection();

        new OryIdentityBuilder(services).UseInMemoryStorage();
        using var provider = services.BuildServiceProvider();

        var store = provider.GetRequiredService<IIdentityStore>();
        store.Should().BeOfType<InMemoryIdentityStore>();
        store.Should().BeSameAs(provider.GetRequiredService<InMemoryIdentityStore>());
        store.Should().BeSameAs(provider.GetRequiredService<IIdentityStore>());
    }

    [Fact]
    public void UseInMemoryStorage_registers_one_shared_recovery_store_singleton_for_both_service_types()
    {
        var services = new ServiceCollection();

        new OryIdentityBuilder(services).UseInMemoryStorage();
        using var provider = services.BuildServiceProvider();

        var store = provider.GetRequiredService<IRecoveryStore>();
        store.Should().BeOfType<InMemoryRecoveryStore>();
        store.Should().BeSameAs(provider.GetRequiredService<InMemoryRecoveryStore>());
        store.Should().BeSameAs(provider.GetRequiredService<IRecoveryStore>());
    }

    [Fact]
    public void UseInMemoryStorage_registers_shared_session_and_flow_store_singletons()
    {
        var services = new ServiceCollection();

        new OryIdentityBuilder(services).UseInMemoryStorage();
        using var provider = services.BuildServiceProvider();

        provider.GetRequiredService<ISessionStore>().Should().BeOfType<InMemorySessionStore>()
            .And.BeSameAs(provider.GetRequiredService<InMemorySessionStore>());
        provider.GetRequiredService<ISelfServiceFlowStore>().Should().BeOfType<InMemorySelfServiceFlowStore>()
            .And.BeSameAs(provider.GetRequiredService<InMemorySelfServiceFlowStore>());
    }

    [Fact]
    public void UseInMemoryStorage_is_idempotent()
    {
        var services = new ServiceCollection();
        var builder = new OryIdentityBuilder(services);

        builder.UseInMemoryStorage().Should().BeSameAs(builder);
        builder.UseInMemoryStorage();

        services.Count(d => d.ServiceType == typeof(IIdentityStore)).Should().Be(1);
        services.Count(d => d.ServiceType == typeof(InMemoryIdentityStore)).Should().Be(1);
        services.Count(d => d.ServiceType == typeof(IRecoveryStore)).Should().Be(1);
        services.Count(d => d.ServiceType == typeof(InMemoryRecoveryStore)).Should().Be(1);
        services.Count(d => d.ServiceType == typeof(ISessionStore)).Should().Be(1);
        services.Count(d => d.ServiceType == typeof(ISelfServiceFlowStore)).Should().Be(1);
    }

    [Fact]
    public void UseInMemoryStorage_keeps_a_store_registered_before()
    {
        var services = new ServiceCollection();
        var mine = new InMemoryIdentityStore();
        services.AddSingleton<IIdentityStore>(mine);

        new OryIdentityBuilder(services).UseInMemoryStorage();
        using var provider = services.BuildServiceProvider();

        provider.GetRequiredService<IIdentityStore>().Should().BeSameAs(mine);
    }

    [Fact]
    public void UseInMemoryStorage_keeps_a_recovery_store_registered_before()
    {
        var services = new ServiceCollection();
        var mine = new InMemoryRecoveryStore();
        services.AddSingleton<IRecoveryStore>(mine);

        new OryIdentityBuilder(services).UseInMemoryStorage();
        using var provider = services.BuildServiceProvider();

        provider.GetRequiredService<IRecoveryStore>().Should().BeSameAs(mine);
        provider.GetRequiredService<IIdentityStore>().Should().BeOfType<InMemoryIdentityStore>();
    }
}
