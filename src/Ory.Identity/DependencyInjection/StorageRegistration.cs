using Microsoft.Extensions.DependencyInjection;

namespace Ory.Identity;

/// <summary>
/// What the current storage (<see cref="OryIdentityBuilder.UseStorage"/>) registered, kept in the service collection so a
/// later <c>Use…Storage()</c> of another storage can remove it.
/// </summary>
internal sealed class StorageRegistration(string storageName)
{
    public string StorageName { get; } = storageName;

    public List<ServiceDescriptor> Descriptors { get; } = [];

    /// <summary>The registration in <paramref name="services"/>, if a storage was chosen.</summary>
    public static StorageRegistration? Find(IServiceCollection services) =>
        services.FirstOrDefault(d => d.ServiceType == typeof(StorageRegistration))?.ImplementationInstance as StorageRegistration;
}
