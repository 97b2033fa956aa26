namespace Ory.Identity.Storage;

/// <summary>
/// An optional capability of an <see cref="IIdentityStore"/> that keeps each identity as Kratos JSON: it reads a page as
/// the stored documents, so the manager can write them to the answer without turning each into an
/// <see cref="Identity"/> and back (<see cref="IIdentityManager.ListJsonAsync"/>, <c>GET /admin/identities</c>).
/// </summary>
/// <remarks>
/// The manager uses it only for the default view (no <c>include_credential</c>, no <c>credentials_identifier</c>) and
/// reads through <see cref="IIdentityStore.ListAsync"/> otherwise, and for stores without it. Every document must be
/// exactly what <see cref="OryIdentityJson.SerializeToUtf8Bytes{T}(T)"/> writes for the stored identity, with or without
/// its credentials; the manager removes the credentials and sets the configured <c>schema_url</c>, as
/// <see cref="IIdentityManager.ListAsync"/> does. A document in any other shape (another property order, whitespace) is
/// read through the model instead, so the answer stays the same.
/// </remarks>
public interface IIdentityJsonListing
{
    /// <summary>
    /// Reads the page <see cref="IIdentityStore.ListAsync"/> reads for <paramref name="query"/> (same identities, same
    /// order), as each identity's id and stored document.
    /// </summary>
    /// <param name="query">The keyset page and its filters.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    ValueTask<IReadOnlyList<StoredIdentityJson>> ListJsonAsync(IdentityStoreQuery query, CancellationToken cancellationToken = default);
}
