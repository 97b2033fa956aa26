using Microsoft.Extensions.DependencyInjection;

namespace Ory.Identity;

/// <summary>
/// Configures Ory.Identity services; storage packages add <c>Use*Storage()</c> extensions to it.
/// </summary>
/// <remarks>
/// Placeholder written on feat/store so that storage extensions compile; the real builder (with
/// <c>AddOryIdentity</c>) replaces this file at merge time and keeps <see cref="Services"/>.
/// </remarks>
public sealed class OryIdentityBuilder
{
    /// <summary>Creates a builder over a service collection.</summary>
    /// <param name="services">The services to register into.</param>
    public OryIdentityBuilder(IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        Services = services;
    }

    /// <summary>The services Ory.Identity registers into.</summary>
    public IServiceCollection Services { get; }
}
