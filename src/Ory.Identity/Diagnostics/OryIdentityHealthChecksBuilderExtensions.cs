using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Ory.Identity.Storage;

namespace Ory.Identity;

/// <summary>Adds Ory.Identity's health checks to <c>services.AddHealthChecks()</c>.</summary>
public static class OryIdentityHealthChecksBuilderExtensions
{
    /// <summary>The name <see cref="AddOryIdentityStorage"/> registers its check under unless told otherwise.</summary>
    public const string DefaultStorageCheckName = "ory-identity-storage";

    /// <summary>
    /// The service key of the storage's own <see cref="IHealthCheck"/>: a storage package registers its check as a keyed
    /// singleton under this key from its <c>Use…Storage()</c> (through <see cref="OryIdentityBuilder.UseStorage"/>).
    /// </summary>
    public const string StorageHealthCheckKey = "Ory.Identity.Storage";

    /// <summary>
    /// Checks the storage chosen with <c>Use…Storage()</c>, whichever it is: SQLite and PostgreSQL report whether the
    /// database answers and its schema is up to date; a storage without a check of its own (in memory) is healthy once
    /// its stores are registered. <c>Use…Storage()</c> only makes the check resolvable; it reports in health endpoints
    /// once this method adds it.
    /// </summary>
    /// <param name="builder">The builder from <c>services.AddHealthChecks()</c>.</param>
    /// <param name="name">The check's name in reports.</param>
    /// <param name="failureStatus">The status reported when the storage does not answer; <see cref="HealthStatus.Unhealthy"/> when null.</param>
    /// <param name="tags">Tags to filter checks by (e.g. <c>"ready"</c>).</param>
    /// <param name="timeout">How long the check may take; no limit when null.</param>
    /// <returns>The same builder, for chaining.</returns>
    public static IHealthChecksBuilder AddOryIdentityStorage(
        this IHealthChecksBuilder builder,
        string name = DefaultStorageCheckName,
        HealthStatus? failureStatus = null,
        IEnumerable<string>? tags = null,
        TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return builder.Add(new HealthCheckRegistration(name, Resolve, failureStatus, tags, timeout));
    }

    private static IHealthCheck Resolve(IServiceProvider services) =>
        services.GetKeyedService<IHealthCheck>(StorageHealthCheckKey) ?? new RegisteredStoresHealthCheck(IsRegistered<IIdentityStore>(services));

    // Asks the container whether a store is registered without building one (a store may open connections or files).
    private static bool IsRegistered<TService>(IServiceProvider services) =>
        services.GetService<IServiceProviderIsService>() is { } container
            ? container.IsService(typeof(TService))
            : services.GetService<TService>() is not null;
}
