namespace Ory.Identity.Storage;

/// <summary>One identity of a page read by <see cref="IIdentityJsonListing.ListJsonAsync"/>.</summary>
/// <param name="Id">The identity's id (the page's keyset cursor).</param>
/// <param name="Utf8Json">
/// The stored document as UTF-8: what <see cref="OryIdentityJson.SerializeToUtf8Bytes{T}(T)"/> writes for the stored
/// identity, with or without its credentials.
/// </param>
public readonly record struct StoredIdentityJson(Guid Id, ReadOnlyMemory<byte> Utf8Json);
