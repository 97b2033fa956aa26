using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using NodaTime;
using Ory.Identity.Storage;

namespace Ory.Identity;

/// <summary>
/// The default <see cref="IApiKeyManager"/>: keys live in the identity's <c>api_key</c> credential (identifiers: key ids,
/// found through the store's identifier index; config: keyed hashes and metadata), written through
/// <see cref="IIdentityStore.UpdateAsync"/> so issuing and revoking are atomic with everything else on the identity.
/// </summary>
internal sealed class ApiKeyManager(
    IIdentityStore store,
    IdentitySchemaRegistry schemas,
    ApiKeyHasher hasher,
    ApiKeyUsageRecorder usage,
    ApiKeySettings settings,
    OryIdentityClock clock,
    ILogger<ApiKeyManager>? log = null) : IApiKeyManager
{
    /// <summary>The longest key name.</summary>
    public const int MaxNameLength = 64;

    private readonly ILogger _logger = (ILogger?)log ?? NullLogger.Instance;

    public async Task<IssuedApiKey> IssueAsync(Guid identityId, string name, Duration? expiresIn = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(name);
        CheckName(name);
        var lifespan = expiresIn ?? settings.MaxLifespan;
        if (lifespan is { } requested && requested <= Duration.Zero)
        {
            throw new InvalidRequestException($"expires_in must be a positive duration, got {GoDuration.Format(requested)}.");
        }

        if (settings.MaxLifespan is { } max && lifespan > max)
        {
            throw new InvalidRequestException($"expires_in must not exceed api_keys.max_lifespan ({GoDuration.Format(max)}).");
        }

        var secret = ApiKeyToken.New(out var keyId);
        var now = clock.Now();
        var record = new ApiKeyRecord { Id = keyId, Name = name, Hash = HashOf(secret), CreatedAt = now, ExpiresAt = now + lifespan };
        await store.UpdateAsync(identityId, identity =>
        {
            if (KindOf(identity) != IdentitySchemaKind.Machine)
            {
                throw MachineIdentityException.ApiKeysNotAllowed(identity.SchemaId);
            }

            var records = ApiKeyCredential.RecordsOf(identity);
            if (records.Count(r => r.StateAt(now) == ApiKeyState.Active) >= settings.MaxActivePerIdentity)
            {
                throw new InvalidRequestException(
                    $"The identity already has {settings.MaxActivePerIdentity} active API keys (api_keys.max_active_per_identity): revoke one first.");
            }

            return ApiKeyCredential.With(identity, [.. records, record], now, touchesCredential: true) with { UpdatedAt = now };
        }, cancellationToken).ConfigureAwait(false);

        Log.ApiKeyIssued(_logger, identityId, keyId);
        return new IssuedApiKey { Key = record.ToApiKey(identityId, now), Secret = secret };
    }

    public async Task<IReadOnlyList<ApiKey>> ListAsync(Guid identityId, CancellationToken cancellationToken = default)
    {
        var identity = await store.GetAsync(identityId, cancellationToken).ConfigureAwait(false) ?? throw new IdentityNotFoundException();
        var now = clock.Now();
        return ApiKeyCredential.RecordsOf(identity)
            .Select(r => r.ToApiKey(identity.Id, now, usage.PendingLastUse(identity.Id, r.Id)))
            .ToArray();
    }

    public async Task<ApiKey> RevokeAsync(Guid identityId, string keyId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keyId);
        var now = clock.Now();
        var updated = await store.UpdateAsync(identityId, identity =>
        {
            var records = ApiKeyCredential.RecordsOf(identity).ToArray();
            var index = Array.FindIndex(records, r => string.Equals(r.Id, keyId, StringComparison.Ordinal));
            if (index < 0)
            {
                throw new ApiKeyNotFoundException();
            }

            if (records[index].RevokedAt is not null)
            {
                return identity;
            }

            records[index] = records[index] with { RevokedAt = now };
            return ApiKeyCredential.With(identity, records, now, touchesCredential: true) with { UpdatedAt = now };
        }, cancellationToken).ConfigureAwait(false);

        Log.ApiKeyRevoked(_logger, identityId, keyId);
        var revoked = ApiKeyCredential.RecordsOf(updated).First(r => string.Equals(r.Id, keyId, StringComparison.Ordinal));
        return revoked.ToApiKey(identityId, now, usage.PendingLastUse(identityId, keyId));
    }

    public ValueTask<ApiKeyAuthenticationResult> AuthenticateAsync(string? presentedKey, CancellationToken cancellationToken = default)
    {
        if (presentedKey is null || !ApiKeyToken.IsWellFormed(presentedKey))
        {
            return new(Refuse(ApiKeyAuthenticationFailure.Malformed, keyId: null));
        }

        var keyId = ApiKeyToken.KeyIdOf(presentedKey).ToString();
        var lookup = store.FindByCredentialsIdentifierAsync(CredentialsType.ApiKey, keyId, cancellationToken);
        return lookup.IsCompletedSuccessfully ? new(Check(lookup.Result, presentedKey, keyId)) : CheckAsync(lookup, presentedKey, keyId);
    }

    private async ValueTask<ApiKeyAuthenticationResult> CheckAsync(ValueTask<Identity?> lookup, string presentedKey, string keyId) =>
        Check(await lookup.ConfigureAwait(false), presentedKey, keyId);

    private ApiKeyAuthenticationResult Check(Identity? identity, string presentedKey, string keyId)
    {
        if (identity is null)
        {
            return Refuse(ApiKeyAuthenticationFailure.Unknown, keyId);
        }

        var view = ApiKeyIdentityView.Of(identity);
        var index = view.Find(keyId);
        if (index < 0)
        {
            return Refuse(ApiKeyAuthenticationFailure.Unknown, keyId);
        }

        Span<byte> material = stackalloc byte[ApiKeyToken.MaterialLength];
        ApiKeyToken.WriteMaterial(presentedKey, material);
        var secretIndex = hasher.Match(view.Hash(index), material);
        if (secretIndex < 0)
        {
            return Refuse(ApiKeyAuthenticationFailure.InvalidSecret, keyId);
        }

        var now = clock.Now();
        var failure = view.Record(index).StateAt(now) switch
        {
            ApiKeyState.Revoked => ApiKeyAuthenticationFailure.Revoked,
            ApiKeyState.Expired => ApiKeyAuthenticationFailure.Expired,
            _ when identity.State != IdentityState.Active => ApiKeyAuthenticationFailure.IdentityInactive,
            _ when KindOf(identity) != IdentitySchemaKind.Machine => ApiKeyAuthenticationFailure.NotMachine,
            _ => (ApiKeyAuthenticationFailure?)null,
        };
        if (failure is { } refused)
        {
            return Refuse(refused, keyId);
        }

        usage.Record(identity.Id, view.Record(index).Id, now, secretIndex > 0 ? hasher.Hash(material) : null);
        OryIdentityDiagnostics.RecordApiKeyAuthentication(null);
        return view.Success(index, now);
    }

    private ApiKeyAuthenticationResult Refuse(ApiKeyAuthenticationFailure failure, string? keyId)
    {
        OryIdentityDiagnostics.RecordApiKeyAuthentication(failure);
        if (keyId is null || failure == ApiKeyAuthenticationFailure.Unknown)
        {
            Log.ApiKeyRefused(_logger, failure);
        }
        else
        {
            Log.ApiKeyRefusedWithId(_logger, keyId, failure);
        }

        return ApiKeyAuthenticationResult.Failed(failure);
    }

    private IdentitySchemaKind KindOf(Identity identity) => schemas.Find(identity.SchemaId)?.Kind ?? IdentitySchemaKind.Person;

    private string HashOf(string key)
    {
        Span<byte> material = stackalloc byte[ApiKeyToken.MaterialLength];
        ApiKeyToken.WriteMaterial(key, material);
        return hasher.Hash(material);
    }

    private static void CheckName(string name)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Length > MaxNameLength || name.Any(char.IsControl))
        {
            throw new InvalidRequestException($"The API key name must be 1 to {MaxNameLength} characters, not only spaces, without control characters.");
        }
    }
}
