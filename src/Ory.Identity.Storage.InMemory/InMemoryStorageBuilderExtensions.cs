using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Ory.Identity.Storage;
using Ory.Identity.Storage.InMemory;

namespace Ory.Identity;

/// <summary>Registers the in-memory stores on an <see cref="OryIdentityBuilder"/>.</summary>
public static class InMemoryStorageBuilderExtensions
{
    /// <summary>
    /// Stores identities, recovery flows, sessions and login and settings flows in process memory
    /// (<see cref="InMemoryIdentityStore"/>, <see cref="InMemoryRecoveryStore"/>, <see cref="InMemorySessionStore"/> and
    /// <see cref="InMemorySelfServiceFlowStore"/>, each one singleton shared by its contract). Data is lost on restart. Safe to call several times; a store registered before the
    /// call is kept.
    /// </summary>
    /// <param name="builder">The Ory.Identity builder.</param>
    /// <returns>The same builder, for chaining.</returns>
    public static OryIdentityBuilder UseInMemoryStorage(this OryIdentityBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddSingleton<InMemoryIdentityStore>();
        builder.Services.TryAddSingleton<IIdentityStore>(sp => sp.GetRequiredService<InMemoryIdentityStore>());
        builder.Services.TryAddSingleton<InMemoryRecoveryStore>();
        builder.Services.TryAddSingleton<IRecoveryStore>(sp => sp.GetRequiredService<InMemoryRecoveryStore>());
        builder.Services.TryAddSingleton<InMemorySessionStore>();
        builder.Services.TryAddSingleton<ISessionStore>(sp => sp.GetRequiredService<InMemorySessionStore>());
        builder.Services.TryAddSingleton<InMemorySelfServiceFlowStore>();
        builder.Services.TryAddSingleton<ISelfServiceFlowStore>(sp => sp.GetRequiredService<InMemorySelfServiceFlowStore>());
        return builder;
    }
}
