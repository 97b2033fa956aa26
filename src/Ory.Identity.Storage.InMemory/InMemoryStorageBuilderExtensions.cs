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
    /// <see cref="InMemorySelfServiceFlowStore"/>, each one singleton shared by its contract). Data is lost on restart.
    /// The last <c>Use…Storage()</c> wins: this call removes every service an earlier <c>UseSqliteStorage()</c>/<c>UsePostgreSqlStorage()</c> registered (see
    /// <see cref="OryIdentityBuilder.UseStorage"/>), so a test can override the host's storage. Safe to call several
    /// times; a store registered directly on the services before the call is kept.
    /// </summary>
    /// <param name="builder">The Ory.Identity builder.</param>
    /// <returns>The same builder, for chaining.</returns>
    public static OryIdentityBuilder UseInMemoryStorage(this OryIdentityBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.UseStorage("in-memory", services =>
        {
            services.TryAddSingleton<InMemoryIdentityStore>();
            services.TryAddSingleton<IIdentityStore>(sp => sp.GetRequiredService<InMemoryIdentityStore>());
            services.TryAddSingleton<InMemoryRecoveryStore>();
            services.TryAddSingleton<IRecoveryStore>(sp => sp.GetRequiredService<InMemoryRecoveryStore>());
            services.TryAddSingleton<InMemorySessionStore>();
            services.TryAddSingleton<ISessionStore>(sp => sp.GetRequiredService<InMemorySessionStore>());
            services.TryAddSingleton<InMemorySelfServiceFlowStore>();
            services.TryAddSingleton<ISelfServiceFlowStore>(sp => sp.GetRequiredService<InMemorySelfServiceFlowStore>());
        });
    }
}
