namespace Ory.Identity.Storage;

/// <summary>
/// Persists identities with their credentials and addresses. The manager validates and derives; the store persists
/// and is the single source of truth for uniqueness: (credential type, identifier), (via, value) among verifiable
/// addresses, (via, value) among recovery addresses, and the external id are unique across identities, enforced
/// atomically under concurrent writers. A failed operation writes nothing.
/// </summary>
/// <remarks>
/// Stores hold identities exactly as given (full credentials, <c>schema_url</c> as set by the manager).
/// Every store must pass the conformance kit in <c>Ory.Identity.Storage.Specification</c>.
/// </remarks>
public interface IIdentityStore
{
    /// <summary>Inserts a new identity.</summary>
    /// <exception cref="IdentityConflictException">A unique value is taken; nothing was written.</exception>
    /// <exception cref="InvalidOperationException">The id is taken (ids are generated, so this is a programming error).</exception>
    ValueTask InsertAsync(Identity identity, CancellationToken cancellationToken = default);

    /// <summary>
    /// Inserts many identities in one go. Each item is inserted or refused on its own: the result holds, at the item's
    /// index, null when it was inserted or the conflict that refused it (a clash with a stored identity or with an
    /// earlier item of the same batch). A refused item leaves nothing behind.
    /// </summary>
    ValueTask<IReadOnlyList<IdentityConflict?>> InsertManyAsync(IReadOnlyList<Identity> identities, CancellationToken cancellationToken = default);

    /// <summary>Reads an identity by id; null when none.</summary>
    ValueTask<Identity?> GetAsync(Guid id, CancellationToken cancellationToken = default);

    /// <summary>Reads an identity by its external id (exact match); null when none.</summary>
    ValueTask<Identity?> GetByExternalIdAsync(string externalId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Finds the identity holding a credential of <paramref name="type"/> with exactly this identifier (already
    /// normalized by the caller where the type normalizes), through an index; null when none.
    /// </summary>
    ValueTask<Identity?> FindByCredentialsIdentifierAsync(CredentialsType type, string identifier, CancellationToken cancellationToken = default);

    /// <summary>
    /// Finds the identity holding an address (verifiable or recovery, per <paramref name="kind"/>) with this channel and
    /// exact (normalized) value, through an index; null when none.
    /// </summary>
    ValueTask<Identity?> FindByAddressAsync(AddressKind kind, AddressVia via, string value, CancellationToken cancellationToken = default);

    /// <summary>
    /// Reads one keyset page: identities with an id greater than <see cref="IdentityStoreQuery.After"/> in
    /// <see cref="GuidOrder"/> (UUID byte order, as SQL databases sort UUIDs), ascending, at most
    /// <see cref="IdentityStoreQuery.Limit"/>, matching the query's filter.
    /// </summary>
    ValueTask<IReadOnlyList<Identity>> ListAsync(IdentityStoreQuery query, CancellationToken cancellationToken = default);

    /// <summary>
    /// Replaces an identity with <paramref name="update"/> applied to its current stored state, atomically: no
    /// concurrent write is lost, since the update always sees the latest state. <paramref name="update"/> may run more
    /// than once (on contention) and must be free of side effects; an exception it throws aborts the update and writes
    /// nothing. The updated identity must keep its id.
    /// </summary>
    /// <returns>The identity as stored.</returns>
    /// <exception cref="IdentityNotFoundException">No identity has this id.</exception>
    /// <exception cref="IdentityConflictException">A new unique value is taken; nothing was written.</exception>
    ValueTask<Identity> UpdateAsync(Guid id, Func<Identity, Identity> update, CancellationToken cancellationToken = default);

    /// <summary>Deletes an identity with its credentials and addresses; false when none had this id.</summary>
    ValueTask<bool> DeleteAsync(Guid id, CancellationToken cancellationToken = default);

    /// <summary>The number of identities stored.</summary>
    ValueTask<long> CountAsync(CancellationToken cancellationToken = default);
}
