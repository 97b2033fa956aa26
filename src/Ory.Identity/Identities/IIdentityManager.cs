namespace Ory.Identity;

/// <summary>
/// Manages identities as Kratos's admin API does: the same JSON, the same rules and the same errors, in-process.
/// Expected failures throw <see cref="OryIdentityException"/> subclasses carrying Kratos's error object; nothing is
/// written when an operation fails.
/// </summary>
public interface IIdentityManager
{
    /// <summary>
    /// Creates an identity (Kratos's <c>POST /admin/identities</c>): fills the default schema, validates the traits,
    /// derives credential identifiers and addresses, and stores it.
    /// </summary>
    /// <returns>The created identity; credentials are listed without their config.</returns>
    /// <exception cref="InvalidRequestException">Unknown schema, invalid state, bad import data (400).</exception>
    /// <exception cref="IdentityValidationException">The traits violate the schema (400).</exception>
    /// <exception cref="IdentityConflictException">An identifier, address or the external id is taken (409).</exception>
    Task<Identity> CreateAsync(CreateIdentityRequest request, CancellationToken cancellationToken = default);

    /// <summary>
    /// Creates many identities (Kratos's <c>PATCH /admin/identities</c>), at most 1000: each item is created or refused on
    /// its own, and results come back in request order. A null item yields a null result.
    /// </summary>
    /// <exception cref="InvalidRequestException">The batch is too large, or an item cannot be built at all (400).</exception>
    Task<BatchCreateResult> CreateManyAsync(IReadOnlyList<CreateIdentityRequest?> requests, CancellationToken cancellationToken = default);

    /// <summary>Reads an identity (Kratos's <c>GET /admin/identities/{id}</c>).</summary>
    /// <exception cref="IdentityNotFoundException">No identity has this id (404).</exception>
    Task<Identity> GetAsync(Guid id, IdentityQueryOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>Reads an identity by its external id (Kratos's <c>GET /admin/identities/by/external/{externalID}</c>).</summary>
    /// <exception cref="InvalidRequestException">The external id is empty (400).</exception>
    /// <exception cref="IdentityNotFoundException">No identity has this external id (404).</exception>
    Task<Identity> GetByExternalIdAsync(string externalId, IdentityQueryOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Finds the identity holding a credential identifier (an email, a username, a <c>provider:subject</c> link): the
    /// lookup of <see cref="ListAsync"/> with <see cref="IdentityListQuery.CredentialsIdentifier"/>, without the query and
    /// the page. Our extension: Kratos has no such endpoint (its admin API lists with <c>credentials_identifier</c>), but in
    /// process it is the most common read, as <c>UserManager.FindByEmailAsync</c> is in ASP.NET Core Identity.
    /// </summary>
    /// <param name="identifier">
    /// The identifier as typed. Normalized as Kratos normalizes it (Kratos's x/normalize.go): with a <paramref name="type"/>
    /// whose identifiers are normalized (password, webauthn, code) both the normalized form and the value as given are
    /// looked up, and an exact match (a row stored before normalization) wins, as in Kratos's
    /// <c>FindByCredentialsIdentifier</c>; other types match the value as given. Without a type, both forms match a
    /// credential of any type, exactly as the list filter does, and the first in id order wins.
    /// </param>
    /// <param name="type">Only a credential of this type; null for any type.</param>
    /// <param name="options">Which credential configs to include; the view is <see cref="GetAsync"/>'s.</param>
    /// <param name="cancellationToken">Cancels the lookup.</param>
    /// <returns>
    /// The identity as <see cref="GetAsync"/> returns it (credentials without their config unless included); null when no
    /// identity holds the identifier: a miss is an answer here, not an error.
    /// </returns>
    /// <exception cref="InvalidRequestException">The identifier is empty or holds a NUL (400).</exception>
    ValueTask<Identity?> FindByCredentialsIdentifierAsync(string identifier, CredentialsType? type = null, IdentityQueryOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>Reads one keyset page of identities ordered by id (Kratos's <c>GET /admin/identities</c>).</summary>
    /// <exception cref="InvalidRequestException">Bad page token or size, too many ids, or filters combined (400).</exception>
    Task<IdentityPage> ListAsync(IdentityListQuery query, CancellationToken cancellationToken = default);

    /// <summary>Streams every identity matching the query, page by page.</summary>
    IAsyncEnumerable<Identity> ListAllAsync(IdentityListQuery? query = null, CancellationToken cancellationToken = default);

    /// <summary>Replaces an identity with PUT semantics (Kratos's <c>PUT /admin/identities/{id}</c>).</summary>
    /// <exception cref="IdentityNotFoundException">No identity has this id (404).</exception>
    /// <exception cref="InvalidRequestException">Unknown schema or invalid state (400).</exception>
    /// <exception cref="IdentityValidationException">The traits violate the schema (400).</exception>
    /// <exception cref="IdentityConflictException">A new identifier, address or external id is taken (409).</exception>
    Task<Identity> UpdateAsync(Guid id, UpdateIdentityRequest request, CancellationToken cancellationToken = default);

    /// <summary>
    /// Applies an RFC 6902 patch (<c>add</c>, <c>remove</c>, <c>replace</c> only) to the identity's admin JSON with
    /// Kratos's rules and deny list, re-validates and stores it (Kratos's <c>PATCH /admin/identities/{id}</c>).
    /// </summary>
    /// <exception cref="IdentityNotFoundException">No identity has this id (404).</exception>
    /// <exception cref="InvalidRequestException">A denied path, an unsupported operation, an invalid result (400).</exception>
    /// <exception cref="IdentityConflictException">A new identifier, address or external id is taken (409).</exception>
    Task<Identity> PatchAsync(Guid id, IReadOnlyList<JsonPatchOperation> operations, CancellationToken cancellationToken = default);

    /// <summary>Deletes an identity with its credentials and addresses (Kratos's <c>DELETE /admin/identities/{id}</c>).</summary>
    /// <exception cref="IdentityNotFoundException">No identity has this id (404).</exception>
    Task DeleteAsync(Guid id, CancellationToken cancellationToken = default);

    /// <summary>
    /// Deletes one credential of an identity (Kratos's <c>DELETE /admin/identities/{id}/credentials/{type}</c>).
    /// <paramref name="identifier"/> selects the provider link (<c>provider:subject</c>) for oidc and saml.
    /// </summary>
    /// <returns>The identity after the deletion.</returns>
    /// <exception cref="IdentityNotFoundException">No identity, credential or provider link (404).</exception>
    /// <exception cref="InvalidRequestException">The type cannot be deleted, or it is the last first factor (400).</exception>
    Task<Identity> DeleteCredentialsAsync(Guid id, CredentialsType type, string? identifier = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Checks a password for a password identifier (e.g. an email), in constant time, against any stored hash format.
    /// On success with a legacy format or weaker parameters than configured, the hash is upgraded to
    /// <c>hashers.algorithm</c> and stored. An unknown identifier costs about as much as a wrong password.
    /// </summary>
    /// <param name="identifier">The identifier the user typed; normalized like the stored ones.</param>
    /// <param name="password">The password. A secret.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <exception cref="IdentityDisabledException">The password is right but the identity is inactive (400).</exception>
    Task<PasswordCheckResult> VerifyPasswordAsync(string identifier, string password, CancellationToken cancellationToken = default);
}
