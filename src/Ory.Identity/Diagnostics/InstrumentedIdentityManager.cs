namespace Ory.Identity;

/// <summary>Traces and times every <see cref="IIdentityManager"/> operation (<see cref="OryIdentityOperation"/>).</summary>
internal sealed class InstrumentedIdentityManager(IIdentityManager inner) : IIdentityManager, IStagedBatchCreation
{
    private static readonly OryIdentityOperation Create = new("identity.create");
    private static readonly OryIdentityOperation CreateMany = new("identity.create_many");
    private static readonly OryIdentityOperation Get = new("identity.get");
    private static readonly OryIdentityOperation GetByExternalId = new("identity.get_by_external_id");
    private static readonly OryIdentityOperation FindByCredentialsIdentifier = new("identity.find_by_credentials_identifier");
    private static readonly OryIdentityOperation List = new("identity.list");
    private static readonly OryIdentityOperation ListAll = new("identity.list_all");
    private static readonly OryIdentityOperation Update = new("identity.update");
    private static readonly OryIdentityOperation Patch = new("identity.patch");
    private static readonly OryIdentityOperation Delete = new("identity.delete");
    private static readonly OryIdentityOperation DeleteCredentials = new("identity.delete_credentials");
    private static readonly OryIdentityOperation VerifyPassword = new("identity.verify_password");

    private IStagedBatchCreation Staged => inner as IStagedBatchCreation
        ?? throw new NotSupportedException("The identity manager cannot create a batch in two steps.");

    public Task<Identity> CreateAsync(CreateIdentityRequest request, CancellationToken cancellationToken = default) =>
        Create.RunAsync((inner, request, cancellationToken), static s => s.inner.CreateAsync(s.request, s.cancellationToken));

    public Task<BatchCreateResult> CreateManyAsync(IReadOnlyList<CreateIdentityRequest?> requests, CancellationToken cancellationToken = default) =>
        CreateMany.RunAsync((inner, requests, cancellationToken), static s => s.inner.CreateManyAsync(s.requests, s.cancellationToken));

    /// <summary>Untraced: it only checks and builds; the operation <c>identity.create_many</c> is the write.</summary>
    /// <exception cref="NotSupportedException">The inner manager cannot create in two steps.</exception>
    public Task<PreparedIdentityBatch> PrepareManyAsync(IReadOnlyList<CreateIdentityRequest?> requests, CancellationToken cancellationToken = default) =>
        Staged.PrepareManyAsync(requests, cancellationToken);

    public Task<BatchCreateResult> WriteManyAsync(PreparedIdentityBatch batch, CancellationToken cancellationToken = default) =>
        CreateMany.RunAsync((Staged, batch, cancellationToken), static s => s.Staged.WriteManyAsync(s.batch, s.cancellationToken));

    public Task<Identity> GetAsync(Guid id, IdentityQueryOptions? options = null, CancellationToken cancellationToken = default) =>
        Get.RunAsync((inner, id, options, cancellationToken), static s => s.inner.GetAsync(s.id, s.options, s.cancellationToken));

    public Task<Identity> GetByExternalIdAsync(string externalId, IdentityQueryOptions? options = null, CancellationToken cancellationToken = default) =>
        GetByExternalId.RunAsync((inner, externalId, options, cancellationToken), static s => s.inner.GetByExternalIdAsync(s.externalId, s.options, s.cancellationToken));

    public ValueTask<Identity?> FindByCredentialsIdentifierAsync(string identifier, CredentialsType? type = null, IdentityQueryOptions? options = null, CancellationToken cancellationToken = default) =>
        FindByCredentialsIdentifier.RunAsync(
            (inner, identifier, type, options, cancellationToken),
            static s => s.inner.FindByCredentialsIdentifierAsync(s.identifier, s.type, s.options, s.cancellationToken));

    public Task<IdentityPage> ListAsync(IdentityListQuery query, CancellationToken cancellationToken = default) =>
        List.RunAsync((inner, query, cancellationToken), static s => s.inner.ListAsync(s.query, s.cancellationToken));

    public Task<IdentityJsonPage> ListJsonAsync(IdentityListQuery query, CancellationToken cancellationToken = default) =>
        List.RunAsync((inner, query, cancellationToken), static s => s.inner.ListJsonAsync(s.query, s.cancellationToken));

    public IAsyncEnumerable<Identity> ListAllAsync(IdentityListQuery? query = null, CancellationToken cancellationToken = default) =>
        ListAll.Run(inner.ListAllAsync(query, cancellationToken));

    public Task<Identity> UpdateAsync(Guid id, UpdateIdentityRequest request, CancellationToken cancellationToken = default) =>
        Update.RunAsync((inner, id, request, cancellationToken), static s => s.inner.UpdateAsync(s.id, s.request, s.cancellationToken));

    public Task<Identity> PatchAsync(Guid id, IReadOnlyList<JsonPatchOperation> operations, CancellationToken cancellationToken = default) =>
        Patch.RunAsync((inner, id, operations, cancellationToken), static s => s.inner.PatchAsync(s.id, s.operations, s.cancellationToken));

    public Task DeleteAsync(Guid id, CancellationToken cancellationToken = default) =>
        Delete.RunAsync((inner, id, cancellationToken), static s => s.inner.DeleteAsync(s.id, s.cancellationToken));

    public Task<Identity> DeleteCredentialsAsync(Guid id, CredentialsType type, string? identifier = null, CancellationToken cancellationToken = default) =>
        DeleteCredentials.RunAsync((inner, id, type, identifier, cancellationToken), static s => s.inner.DeleteCredentialsAsync(s.id, s.type, s.identifier, s.cancellationToken));

    public Task<PasswordCheckResult> VerifyPasswordAsync(string identifier, string password, CancellationToken cancellationToken = default) =>
        VerifyPassword.RunAsync((inner, identifier, password, cancellationToken), static s => s.inner.VerifyPasswordAsync(s.identifier, s.password, s.cancellationToken));
}
