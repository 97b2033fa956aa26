using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Ory.Identity;

/// <summary>The storage check of a storage without one of its own (in memory): healthy when its stores are registered.</summary>
internal sealed class RegisteredStoresHealthCheck(bool storesRegistered) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(storesRegistered
            ? HealthCheckResult.Healthy("The storage runs in process and has no check of its own.")
            : new HealthCheckResult(context.Registration.FailureStatus, "No Ory.Identity storage is registered: call a Use…Storage() method on the builder AddOryIdentity() returns."));
}
