using NodaTime;

namespace Ory.Identity;

/// <summary>
/// API keys of machine identities (service accounts; our extension, Kratos has none). A key is one string: the prefix
/// <c>ory_ak_</c>, the key id, a 256-bit secret and a checksum, so secret scanners can find leaked keys. It is shown once,
/// stored only as a keyed hash (HMAC with <c>secrets.default</c>), and can expire and be revoked; an identity holds
/// several at once, so keys rotate without downtime.
/// </summary>
public interface IApiKeyManager
{
    /// <summary>Issues a new key to a machine identity. The returned <see cref="IssuedApiKey.Secret"/> is never shown again.</summary>
    /// <param name="identityId">The machine identity.</param>
    /// <param name="name">What the key is for, e.g. "ci-deploy" (1 to 64 characters, no control characters).</param>
    /// <param name="expiresIn">How long the key is valid; null for no expiry (or <c>api_keys.max_lifespan</c> when set).</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <exception cref="IdentityNotFoundException">No identity has this id.</exception>
    /// <exception cref="MachineIdentityException">The identity is not a machine identity.</exception>
    /// <exception cref="InvalidRequestException">Bad name or lifespan, or the identity has too many active keys.</exception>
    Task<IssuedApiKey> IssueAsync(Guid identityId, string name, Duration? expiresIn = null, CancellationToken cancellationToken = default);

    /// <summary>The identity's keys (active, expired and recently revoked), oldest first, without secrets.</summary>
    /// <param name="identityId">The identity.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <exception cref="IdentityNotFoundException">No identity has this id.</exception>
    Task<IReadOnlyList<ApiKey>> ListAsync(Guid identityId, CancellationToken cancellationToken = default);

    /// <summary>Revokes a key: it fails authentication from now on. Revoking a revoked key changes nothing.</summary>
    /// <param name="identityId">The identity holding the key.</param>
    /// <param name="keyId">The key's id (<see cref="ApiKey.Id"/>).</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The key as revoked.</returns>
    /// <exception cref="IdentityNotFoundException">No identity has this id.</exception>
    /// <exception cref="ApiKeyNotFoundException">The identity holds no key with this id.</exception>
    Task<ApiKey> RevokeAsync(Guid identityId, string keyId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Checks a presented key: well-formed, known, secret matches (in constant time), not revoked, not expired, its
    /// identity active and of a machine schema. Never throws for a bad key: the result says why it failed.
    /// </summary>
    /// <param name="presentedKey">The key as the client sent it.</param>
    /// <param name="cancellationToken">Cancels the lookup.</param>
    ValueTask<ApiKeyAuthenticationResult> AuthenticateAsync(string? presentedKey, CancellationToken cancellationToken = default);
}
