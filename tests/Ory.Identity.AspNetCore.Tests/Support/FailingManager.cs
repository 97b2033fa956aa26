using Microsoft.Extensions.DependencyInjection;

namespace Ory.Identity.AspNetCore.Tests.Support;

/// <summary>An identity manager whose reads fail unexpectedly, with a secret in the exception message.</summary>
internal sealed class FailingManager(IIdentityManager inner) : IIdentityManager
{
    public Task<Identity> CreateAsync(CreateIdentityRequest request, CancellationToken cancellationToken = default) => inner.CreateAsync(request, cancellationToken);

    public Task<BatchCreateResult> CreateManyAsync(IReadOnlyList<CreateIdentityRequest?> requests, CancellationToken cancellationToken = default) => inner.CreateManyAsync(requests, cancellationToken);

    public Task<Identity> GetAsync(Guid id, IdentityQueryOptions? options = null, CancellationToken cancellationToken = default) =>
        throw new InvalidOperationException("database password s3cr3t rejected");

    public Task<Identity> GetByExternalIdAsync(string externalId, IdentityQueryOptions? options = null, CancellationToken cancellationToken = default) => inner.GetByExternalIdAsync(externalId, options, cancellationToken);

    public ValueTask<Identity?> FindByCredentialsIdentifierAsync(string identifier, CredentialsType? type = null, IdentityQueryOptions? options = null, CancellationToken cancellationToken = default) => inner.FindByCredentialsIdentifierAsync(identifier, type, options, cancellationToken);

    public Task<IdentityPage> ListAsync(IdentityListQuery query, CancellationToken cancellationToken = default) => inner.ListAsync(query, cancellationToken);

    public IAsyncEnumerable<Identity> ListAllAsync(IdentityListQuery? query = null, CancellationToken cancellationToken = default) => inner.ListAllAsync(query, cancellationToken);

    public Task<Identity> UpdateAsync(Guid id, UpdateIdentityRequest request, CancellationToken cancellationToken = default) => inner.UpdateAsync(id, request, cancellationToken);

    public Task<Identity> PatchAsync(Guid id, IReadOnlyList<JsonPatchOperation> operations, CancellationToken cancellationToken = default) => inner.PatchAsync(id, operations, cancellationToken);

    public Task DeleteAsync(Guid id, CancellationToken cancellationToken = default) => inner.DeleteAsync(id, cancellationToken);

    public Task<Identity> DeleteCredentialsAsync(Guid id, CredentialsType type, string? identifier = null, CancellationToken cancellationToken = default) => inner.DeleteCredentialsAsync(id, type, identifier, cancellationToken);

    public Task<PasswordCheckResult> VerifyPasswordAsync(string identifier, string password, CancellationToken cancellationToken = default) => inner.VerifyPasswordAsync(identifier, password, cancellationToken);
}

internal static class FailingManagerExtensions
{
    public static void AddSingletonDecorator(this IServiceCollection services)
    {
        var original = services.Last(d => d.ServiceType == typeof(IIdentityManager));
        services.Remove(original);
        services.AddSingleton<IIdentityManager>(sp => new FailingManager((IIdentityManager)original.ImplementationFactory!(sp)));
    }
}
