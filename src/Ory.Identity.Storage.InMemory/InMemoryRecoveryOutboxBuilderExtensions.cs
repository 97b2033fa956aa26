using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Ory.Identity.Storage.InMemory;

namespace Ory.Identity;

/// <summary>Registers the in-memory recovery outbox.</summary>
public static class InMemoryRecoveryOutboxBuilderExtensions
{
    /// <summary>
    /// Uses an <see cref="InMemoryRecoveryOutbox"/> as <see cref="IRecoveryMessageSender"/> (resolve the outbox to read
    /// the messages). For tests and samples only. Does nothing when a sender is already registered.
    /// </summary>
    /// <param name="builder">The builder from <c>AddOryIdentity()</c>.</param>
    public static OryIdentityBuilder UseInMemoryRecoveryOutbox(this OryIdentityBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddSingleton<InMemoryRecoveryOutbox>();
        builder.Services.TryAddSingleton<IRecoveryMessageSender>(sp => sp.GetRequiredService<InMemoryRecoveryOutbox>());
        return builder;
    }
}
