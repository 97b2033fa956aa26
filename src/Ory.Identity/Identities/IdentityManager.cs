using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Ory.Identity.Serialization;
using Ory.Identity.Storage;

namespace Ory.Identity;

/// <summary>The default <see cref="IIdentityManager"/>: validates and derives, then lets the store persist atomically.</summary>
internal sealed class IdentityManager : IIdentityManager, IStagedBatchCreation
{
    private readonly IIdentityStore _store;
    private readonly IRecoveryStore _recovery;
    private readonly ISessionStore _sessions;
    private readonly ISelfServiceFlowStore _flows;
    private readonly IdentityRules _rules;
    private readonly OryIdentityClock _clock;
    private readonly ILogger _logger;
    private readonly IdentityPatcher _patcher;
    private readonly CredentialsImporter _importer;
    private readonly PasswordHashing _passwords;

    public IdentityManager(
        IIdentityStore store,
        IRecoveryStore recovery,
        IdentitySchemaRegistry schemas,
        OryIdentityClock clock,
        PasswordHashing passwords,
        CredentialsImporter importer,
        OryIdentityOptions options,
        ILogger<IdentityManager> logger,
        ISessionStore sessions,
        ISelfServiceFlowStore flows)
    {
        _store = store;
        _recovery = recovery;
        _sessions = sessions;
        _flows = flows;
        _rules = new IdentityRules(schemas, options.Serve.Public.BaseUrl);
        _clock = clock;
        _logger = logger;
        _patcher = new IdentityPatcher(_rules);
        _passwords = passwords;
        _importer = importer;
    }

    public async Task<Identity> CreateAsync(CreateIdentityRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        try
        {
            UnicodeTextCheck.EnsureValid(request);
            EnsureValidState(request.State);
            var credentials = await _importer.HashCleartextAsync(request.Credentials, null, cancellationToken).ConfigureAwait(false);
            var now = _clock.Now();
            var identity = Derive(Prepare(request, credentials, now), request, now);
            await _store.InsertAsync(identity, cancellationToken).ConfigureAwait(false);
            OryIdentityDiagnostics.IdentitiesCreated.Add(1);
            Log.IdentityCreated(_logger, identity.Id, identity.SchemaId);
            return identity.ToAdminView();
        }
        catch (OryIdentityException e) when (Refused("create", e))
        {
            throw;
        }
    }

    public async Task<BatchCreateResult> CreateManyAsync(IReadOnlyList<CreateIdentityRequest?> requests, CancellationToken cancellationToken = default)
    {
        var batch = await PrepareManyAsync(requests, cancellationToken).ConfigureAwait(false);
        return await WriteManyAsync(batch, cancellationToken).ConfigureAwait(false);
    }

    public async Task<PreparedIdentityBatch> PrepareManyAsync(IReadOnlyList<CreateIdentityRequest?> requests, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(requests);
        if (requests.Count > IdentityBatchLimits.MaxItems)
        {
            var tooMany = new InvalidRequestException(IdentityBatchLimits.TooManyItems);
            Refused("create_many", tooMany);
            throw tooMany;
        }

        foreach (var request in requests)
        {
            if (request is not null)
            {
                CheckText(request);
            }
        }

        if (requests.Count(IdentityBatchLimits.HasCleartextPassword) > IdentityBatchLimits.MaxCleartextPasswords)
        {
            var tooManyPasswords = new InvalidRequestException(IdentityBatchLimits.TooManyCleartextPasswords);
            Refused("create_many", tooManyPasswords);
            throw tooManyPasswords;
        }

        // As in Kratos, building the items (state check, credential import and hashing) fails the whole batch; then each
        // item is validated on its own. The batch's cleartext passwords are hashed in one lane of the shared hashing
        // scheduler: bounded concurrency, and other callers get slots in turn while the batch runs.
        var prepared = new PreparedIdentity?[requests.Count];
        NodaTime.Instant now;
        try
        {
            var credentials = await HashBatchCredentialsAsync(requests, cancellationToken).ConfigureAwait(false);
            now = _clock.Now();
            for (var i = 0; i < requests.Count; i++)
            {
                if (requests[i] is { } request)
                {
                    prepared[i] = Prepare(request, credentials[i], now);
                }
            }
        }
        catch (OryIdentityException e) when (Refused("create_many", e))
        {
            throw;
        }

        var batch = new PreparedIdentityBatch(requests.Count);
        for (var i = 0; i < requests.Count; i++)
        {
            if (prepared[i] is not { } item)
            {
                continue;
            }

            try
            {
                batch.Add(i, Derive(item, requests[i]!, now));
            }
            catch (OryIdentityException e)
            {
                batch.Refuse(i, e.Error);
            }
        }

        return batch;
    }

    public async Task<BatchCreateResult> WriteManyAsync(PreparedIdentityBatch batch, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var results = batch.Results.ToArray();
        var built = batch.Identities;
        var conflicts = await _store.InsertManyAsync(built, cancellationToken).ConfigureAwait(false);
        var created = 0;
        for (var j = 0; j < built.Count; j++)
        {
            var index = batch.Indexes[j];
            var identity = built[j];
            if (conflicts[j] is { } conflict)
            {
                results[index] = new BatchCreateItemResult
                {
                    Action = BatchCreateItemResult.ErrorAction,
                    Error = new IdentityConflictException(conflict).Error,
                };
            }
            else
            {
                created++;
                results[index] = new BatchCreateItemResult { Action = BatchCreateItemResult.CreateAction, Identity = identity.Id };
            }
        }

        OryIdentityDiagnostics.IdentitiesCreated.Add(created);
        var refused = 0;
        foreach (var result in results)
        {
            refused += result is { Succeeded: false } ? 1 : 0;
        }

        Log.BatchCreated(_logger, created, refused);
        return new BatchCreateResult(results);
    }

    public async Task<Identity> GetAsync(Guid id, IdentityQueryOptions? options = null, CancellationToken cancellationToken = default)
    {
        var identity = await _store.GetAsync(id, cancellationToken).ConfigureAwait(false) ?? throw new IdentityNotFoundException();
        return ReadView(identity, options);
    }

    public async Task<Identity> GetByExternalIdAsync(string externalId, IdentityQueryOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(externalId);
        if (externalId.Length == 0)
        {
            throw new InvalidRequestException("The external ID must not be empty.");
        }

        NulCharacterRule.EnsureLookup(externalId, "external_id");

        var identity = await _store.GetByExternalIdAsync(externalId, cancellationToken).ConfigureAwait(false) ?? throw new IdentityNotFoundException();
        return ReadView(identity, options);
    }

    // A typed identifier already in its stored form (the common case: an email as users type it) is one store lookup;
    // when the store answers synchronously (the in-memory store does), the answer is built here without an async state
    // machine. Every other case goes through FindByIdentifierAsync. Same results either way
    // (IdentityManagerFindFastPathTests).
    public ValueTask<Identity?> FindByCredentialsIdentifierAsync(
        string identifier,
        CredentialsType? type = null,
        IdentityQueryOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(identifier);
        if (identifier.Length == 0)
        {
            throw new InvalidRequestException(EmptyCredentialsIdentifier);
        }

        NulCharacterRule.EnsureLookup(identifier, "credentials_identifier");

        if (type is { } only && IsStoredForm(identifier, only))
        {
            var found = _store.FindByCredentialsIdentifierAsync(only, identifier, cancellationToken);
            return found.IsCompletedSuccessfully
                ? new(found.Result is { } identity ? ReadView(identity, options) : null)
                : ViewOfAsync(found, options);
        }

        return FindByIdentifierAsync(identifier, type, options, cancellationToken);
    }

    // Whether identifier, of this type, is the only form to look up: it normalizes to itself (or the type does not
    // normalize), so FindByTypedIdentifierAsync would make this one store lookup too.
    private static bool IsStoredForm(string identifier, CredentialsType type) =>
        !type.HasNormalizedIdentifiers || string.Equals(IdentifierNormalizer.NormalizeGraceful(identifier), identifier, StringComparison.Ordinal);

    private async ValueTask<Identity?> ViewOfAsync(ValueTask<Identity?> found, IdentityQueryOptions? options) =>
        await found.ConfigureAwait(false) is { } identity ? ReadView(identity, options) : null;

    // The authoritative lookup: an async ValueTask method that completes synchronously allocates nothing.
    private async ValueTask<Identity?> FindByIdentifierAsync(
        string identifier, CredentialsType? type, IdentityQueryOptions? options, CancellationToken cancellationToken)
    {
        var identity = type is { } only
            ? await FindByTypedIdentifierAsync(identifier, only, cancellationToken).ConfigureAwait(false)
            : await FindByAnyIdentifierAsync(identifier, cancellationToken).ConfigureAwait(false);
        return identity is null ? null : ReadView(identity, options);
    }

    private const string EmptyCredentialsIdentifier = "The credentials identifier must not be empty.";

    // A credential of one type: through the store's index, as Kratos's FindByCredentialsIdentifier does
    // (x/normalize.go, persistence/sql/identity/persister_identity.go): a normalizing type looks up the typed and then
    // the normalized form, so the exact match (a row stored before normalization) wins; other types match as typed.
    // The one lookup behind both FindByCredentialsIdentifierAsync(…, Password) and VerifyPasswordAsync, as Kratos's
    // password login (selfservice/strategy/password/login.go) uses the same persister call.
    private async ValueTask<Identity?> FindByTypedIdentifierAsync(string identifier, CredentialsType type, CancellationToken cancellationToken)
    {
        var normalized = type.HasNormalizedIdentifiers ? IdentifierNormalizer.NormalizeGraceful(identifier) : identifier;
        if (!string.Equals(normalized, identifier, StringComparison.Ordinal)
            && await _store.FindByCredentialsIdentifierAsync(type, identifier, cancellationToken).ConfigureAwait(false) is { } exact)
        {
            return exact;
        }

        return await _store.FindByCredentialsIdentifierAsync(type, normalized, cancellationToken).ConfigureAwait(false);
    }

    // A credential of any type: the store query of the list filter (the same identifier forms), one item.
    private async ValueTask<Identity?> FindByAnyIdentifierAsync(string identifier, CancellationToken cancellationToken)
    {
        var query = new IdentityStoreQuery { Limit = 1, CredentialsIdentifiers = ListQueryValidator.IdentifierForms(identifier) };
        var found = await _store.ListAsync(query, cancellationToken).ConfigureAwait(false);
        return found.Count > 0 ? found[0] : null;
    }

    public async Task<IdentityPage> ListAsync(IdentityListQuery query, CancellationToken cancellationToken = default)
    {
        var (storeQuery, pageSize) = ListQueryValidator.ToStoreQuery(query);
        var found = await _store.ListAsync(storeQuery, cancellationToken).ConfigureAwait(false);
        var count = Math.Min(found.Count, pageSize);
        var withCredentials = query.IncludeCredentials is { Count: > 0 } || !string.IsNullOrEmpty(query.CredentialsIdentifier);
        var items = new Identity[count];
        for (var i = 0; i < count; i++)
        {
            var identity = WithSchemaUrl(found[i]);
            items[i] = withCredentials
                ? identity.ToAdminView(query.IncludeCredentials)
                : identity with { Credentials = Identity.EmptyCredentials };
        }

        var next = found.Count > pageSize ? items[^1].Id.ToString("D") : null;
        return new IdentityPage(items, next);
    }

    public async Task<IdentityJsonPage> ListJsonAsync(IdentityListQuery query, CancellationToken cancellationToken = default)
    {
        // Only the default view is written from stored documents; a credentials view goes through the model.
        var withCredentials = query.IncludeCredentials is { Count: > 0 } || !string.IsNullOrEmpty(query.CredentialsIdentifier);
        if (withCredentials || _store is not IIdentityJsonListing listing)
        {
            return IdentityJsonPage.Of(await ListAsync(query, cancellationToken).ConfigureAwait(false));
        }

        var (storeQuery, pageSize) = ListQueryValidator.ToStoreQuery(query);
        var found = await listing.ListJsonAsync(storeQuery, cancellationToken).ConfigureAwait(false);
        var count = Math.Min(found.Count, pageSize);
        var size = 2;
        for (var i = 0; i < count; i++)
        {
            size += found[i].Utf8Json.Length + 1;
        }

        var output = new ArrayBufferWriter<byte>(size);
        var view = new DefaultViewDocument(_rules.SchemaUrlOf);
        output.Write("["u8);
        for (var i = 0; i < count; i++)
        {
            if (i > 0)
            {
                output.Write(","u8);
            }

            var document = found[i].Utf8Json.Span;
            if (!view.TryAppend(document, output))
            {
                // A document in another shape: the model path, as ListAsync writes it.
                var identity = WithSchemaUrl(OryIdentityJson.Deserialize<Identity>(document)) with { Credentials = Identity.EmptyCredentials };
                output.Write(OryIdentityJson.SerializeToUtf8Bytes(identity));
            }
        }

        output.Write("]"u8);
        var next = found.Count > pageSize ? found[count - 1].Id.ToString("D") : null;
        return new IdentityJsonPage(output.WrittenMemory, next);
    }

    public async IAsyncEnumerable<Identity> ListAllAsync(IdentityListQuery? query = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var current = (query ?? new IdentityListQuery()) with { PageSize = query?.PageSize ?? IdentityListQuery.MaxPageSize };
        while (true)
        {
            var page = await ListAsync(current, cancellationToken).ConfigureAwait(false);
            foreach (var identity in page.Items)
            {
                yield return identity;
            }

            if (page.NextPageToken is null)
            {
                yield break;
            }

            current = current with { PageToken = page.NextPageToken };
        }
    }

    public async Task<Identity> UpdateAsync(Guid id, UpdateIdentityRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        try
        {
            UnicodeTextCheck.EnsureValid(request);
            EnsureValidState(request.State);
            var externalId = IdentityRules.CheckExternalId(request.ExternalId);
            var traits = IdentityRules.TraitsOrEmpty(request.Traits);

            // Validate outside the store's atomic section when the schema is known up front; the update re-derives only
            // if the stored schema changed in between.
            var current = await _store.GetAsync(id, cancellationToken).ConfigureAwait(false) ?? throw new IdentityNotFoundException();
            var schemaId = string.IsNullOrEmpty(request.SchemaId) ? current.SchemaId : request.SchemaId;
            var derivation = _rules.Validate(schemaId, traits);
            var credentials = await _importer.HashCleartextAsync(request.Credentials, null, cancellationToken).ConfigureAwait(false);

            var now = _clock.Now();
            var updated = await _store.UpdateAsync(id, stored =>
            {
                var effectiveSchema = string.IsNullOrEmpty(request.SchemaId) ? stored.SchemaId : request.SchemaId;
                var effective = effectiveSchema == schemaId ? derivation : _rules.Validate(effectiveSchema, traits);
                var state = request.State ?? stored.State;
                var next = stored with
                {
                    SchemaId = effectiveSchema,
                    SchemaUrl = _rules.SchemaUrlOf(effectiveSchema),
                    State = state,
                    StateChangedAt = state == stored.State ? stored.StateChangedAt : now,
                    MetadataPublic = IdentityRules.NullIfJsonNull(request.MetadataPublic),
                    MetadataAdmin = IdentityRules.NullIfJsonNull(request.MetadataAdmin),
                    ExternalId = externalId,
                    UpdatedAt = now,
                };
                if (credentials is not null)
                {
                    next = next with { Credentials = _importer.Apply(credentials, stored.Credentials, stored.Id, now) };
                }

                return _rules.CheckBeforeStoring(DerivedValuesApplier.Apply(next, effective, stored.VerifiableAddresses, stored.RecoveryAddresses, now));
            }, cancellationToken).ConfigureAwait(false);

            OryIdentityDiagnostics.IdentitiesUpdated.Add(1);
            Log.IdentityUpdated(_logger, id);
            return updated.ToAdminView();
        }
        catch (OryIdentityException e) when (Refused("update", e))
        {
            throw;
        }
    }

    public async Task<Identity> PatchAsync(Guid id, IReadOnlyList<JsonPatchOperation> operations, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(operations);
        try
        {
            UnicodeTextCheck.EnsureValid(operations);
            var now = _clock.Now();
            var updated = await _store.UpdateAsync(id, stored => _patcher.Apply(stored, operations, now), cancellationToken).ConfigureAwait(false);
            OryIdentityDiagnostics.IdentitiesUpdated.Add(1);
            Log.IdentityPatched(_logger, id);
            return updated.ToAdminView();
        }
        catch (OryIdentityException e) when (Refused("patch", e))
        {
            throw;
        }
    }

    public async Task DeleteAsync(Guid id, CancellationToken cancellationToken = default)
    {
        if (!await _store.DeleteAsync(id, cancellationToken).ConfigureAwait(false))
        {
            throw new IdentityNotFoundException();
        }

        // The identity's recovery flows and tokens, sessions, and login and settings flows go with it.
        await _recovery.DeleteByIdentityAsync(id, cancellationToken).ConfigureAwait(false);
        await _sessions.DeleteByIdentityAsync(id, cancellationToken).ConfigureAwait(false);
        await _flows.DeleteByIdentityAsync(id, cancellationToken).ConfigureAwait(false);

        OryIdentityDiagnostics.IdentitiesDeleted.Add(1);
        Log.IdentityDeleted(_logger, id);
    }

    public async Task<Identity> DeleteCredentialsAsync(Guid id, CredentialsType type, string? identifier = null, CancellationToken cancellationToken = default)
    {
        try
        {
            var now = _clock.Now();
            var updated = await _store.UpdateAsync(id, stored => CredentialsRemover.Remove(stored, type, identifier, now), cancellationToken).ConfigureAwait(false);
            Log.CredentialsDeleted(_logger, id, type.Value);
            return updated.ToAdminView();
        }
        catch (OryIdentityException e) when (Refused("delete_credentials", e))
        {
            throw;
        }
    }

    public async Task<PasswordCheckResult> VerifyPasswordAsync(string identifier, string password, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(identifier);
        ArgumentNullException.ThrowIfNull(password);

        // No stored identifier holds a NUL (NulCharacterRule): such an identifier is a failed check, without a lookup.
        Identity? identity = null;
        if (!NulCharacterRule.Holds(identifier))
        {
            identity = await FindByTypedIdentifierAsync(identifier, CredentialsType.Password, cancellationToken).ConfigureAwait(false);
        }

        var storedHash = identity is not null ? HashedPasswordOf(identity) : null;
        if (identity is null || storedHash is null)
        {
            // Same work as a wrong password, so response time does not tell whether the identifier exists.
            await _passwords.VerifyDummyAsync(password, cancellationToken).ConfigureAwait(false);
            Log.PasswordCheckFailed(_logger);
            return PasswordCheckResult.Failed;
        }

        var verification = await _passwords.VerifyAsync(password, storedHash, cancellationToken).ConfigureAwait(false);
        if (!verification.Succeeded)
        {
            Log.PasswordCheckFailed(_logger);
            return PasswordCheckResult.Failed;
        }

        if (identity.State != IdentityState.Active)
        {
            throw new IdentityDisabledException();
        }

        var rehashed = false;
        if (verification.NeedsRehash && await RehashAsync(password, cancellationToken).ConfigureAwait(false) is { } upgraded)
        {
            var now = _clock.Now();
            await _store.UpdateAsync(identity.Id, current =>
            {
                // Only replace the hash that was verified; a concurrent password change wins.
                if (!string.Equals(HashedPasswordOf(current), storedHash, StringComparison.Ordinal))
                {
                    return current;
                }

                rehashed = true;
                return current with
                {
                    Credentials = CredentialsImporter.WithPasswordHash(current.Credentials, upgraded, now),
                    UpdatedAt = now,
                };
            }, cancellationToken).ConfigureAwait(false);
        }

        Log.PasswordCheckSucceeded(_logger, identity.Id, rehashed);
        return new PasswordCheckResult(true, rehashed, identity.Id);
    }

    // The upgraded hash, or null when hashing is at capacity: the upgrade is skipped (the login still succeeds) and is
    // tried again on a later login.
    private async Task<string?> RehashAsync(string password, CancellationToken cancellationToken)
    {
        try
        {
            return await _passwords.HashAsync(password, null, cancellationToken).ConfigureAwait(false);
        }
        catch (HashingCapacityExceededException)
        {
            Log.RehashDeferred(_logger);
            return null;
        }
    }

    // Hashes the cleartext passwords of a batch in one lane, which runs them in item order; the first failure by index
    // (a malformed password config, a full queue, a password too long) takes the batch's other waiting items out of
    // the queue and fails the batch.
    private async Task<IdentityCredentialsImport?[]> HashBatchCredentialsAsync(IReadOnlyList<CreateIdentityRequest?> requests, CancellationToken cancellationToken)
    {
        using var abort = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var lane = new HashingLane();
        var hashing = new Task<IdentityCredentialsImport?>[requests.Count];
        try
        {
            for (var i = 0; i < requests.Count; i++)
            {
                var request = requests[i];
                if (request is not null)
                {
                    EnsureValidState(request.State);
                }

                hashing[i] = _importer.HashCleartextAsync(request?.Credentials, lane, abort.Token);
            }

            var credentials = new IdentityCredentialsImport?[requests.Count];
            for (var i = 0; i < requests.Count; i++)
            {
                credentials[i] = await hashing[i].ConfigureAwait(false);
            }

            return credentials;
        }
        catch
        {
            await abort.CancelAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>The stored password hash of an identity; null when it has none (no credential, or Kratos's empty config).</summary>
    internal static string? HashedPasswordOf(Identity identity) =>
        identity.Credentials.TryGetValue(CredentialsType.Password, out var password)
        && password.Config is { ValueKind: JsonValueKind.Object } config
        && config.TryGetProperty("hashed_password", out var hash)
        && hash.ValueKind == JsonValueKind.String
        && hash.GetString() is { Length: > 0 } value
            ? value
            : null;

    private const string InvalidStateReason = "identity state is not valid";

    // The part of building a new identity that fails a whole batch in Kratos: the state check and the credential
    // import (including hashing cleartext passwords).
    private static void EnsureValidState(IdentityState? state)
    {
        if (state is { IsValid: false })
        {
            throw new InvalidRequestException(InvalidStateReason);
        }
    }

    // Builds the parts that do not depend on the schema; cleartext passwords in credentials are already hashed.
    private PreparedIdentity Prepare(CreateIdentityRequest request, IdentityCredentialsImport? credentials, NodaTime.Instant now)
    {
        var id = UuidV7.New(now);
        return new PreparedIdentity
        {
            Id = id,
            SchemaId = string.IsNullOrEmpty(request.SchemaId) ? _rules.DefaultSchemaId : request.SchemaId,
            State = request.State ?? IdentityState.Active,
            Credentials = credentials is null ? Identity.EmptyCredentials : _importer.Apply(credentials, Identity.EmptyCredentials, id, now),
            MetadataPublic = IdentityRules.NullIfJsonNull(request.MetadataPublic),
            MetadataAdmin = IdentityRules.NullIfJsonNull(request.MetadataAdmin),
            ExternalId = IdentityRules.CheckExternalId(request.ExternalId),
            OrganizationId = request.OrganizationId,
        };
    }

    // Validates the traits against the schema and builds the identity with what the extension derives.
    private Identity Derive(in PreparedIdentity prepared, CreateIdentityRequest request, NodaTime.Instant now)
    {
        // The schema is looked up once: it gives the validation, the kind and the URL.
        var schema = _rules.SchemaOf(prepared.SchemaId);
        var derivation = _rules.Validate(schema, IdentityRules.TraitsOrEmpty(request.Traits));
        if (schema.Kind == IdentitySchemaKind.Machine && (request.VerifiableAddresses is { Count: > 0 } || request.RecoveryAddresses is { Count: > 0 }))
        {
            throw MachineIdentityException.AddressesNotAllowed(prepared.SchemaId);
        }

        var importedVerifiable = AddressImports.ToVerifiable(request.VerifiableAddresses, now);
        var importedRecovery = AddressImports.ToRecovery(request.RecoveryAddresses, now);
        return NulCharacterRule.EnsureStorable(MachineIdentityRules.Enforce(new Identity
        {
            Id = prepared.Id,
            SchemaId = prepared.SchemaId,
            SchemaUrl = _rules.SchemaUrlOf(schema),
            State = prepared.State,
            StateChangedAt = now,
            Traits = derivation.Traits,
            VerifiableAddresses = DerivedValuesApplier.BuildVerifiable(derivation.VerifiableAddresses, importedVerifiable, now),
            RecoveryAddresses = DerivedValuesApplier.BuildRecovery(derivation.RecoveryAddresses, importedRecovery, now),
            Credentials = DerivedValuesApplier.BuildCredentials(prepared.Credentials, derivation, now),
            MetadataPublic = prepared.MetadataPublic,
            MetadataAdmin = prepared.MetadataAdmin,
            ExternalId = prepared.ExternalId,
            OrganizationId = prepared.OrganizationId,
            CreatedAt = now,
            UpdatedAt = now,
        }, schema.Kind));
    }

    // A batch item whose JSON holds invalid text fails the whole batch, as an undecodable body does in Kratos.
    private void CheckText(CreateIdentityRequest request)
    {
        try
        {
            UnicodeTextCheck.EnsureValid(request);
        }
        catch (OryIdentityException e) when (Refused("create_many", e))
        {
            throw;
        }
    }

    // What a read of one identity returns (GetAsync's view): the current schema URL, credentials without their config
    // unless included.
    private Identity ReadView(Identity identity, IdentityQueryOptions? options) =>
        WithSchemaUrl(identity).ToAdminView(options?.IncludeCredentials);

    private Identity WithSchemaUrl(Identity identity)
    {
        var url = _rules.SchemaUrlOf(identity.SchemaId);
        return url.Length == 0 || url == identity.SchemaUrl ? identity : identity with { SchemaUrl = url };
    }

    // Used as an exception filter: logs the refusal without unwinding, and never catches. Spans and the failure's
    // measurement are the decorator's (InstrumentedIdentityManager).
    private bool Refused(string operation, OryIdentityException e)
    {
        Log.OperationRefused(_logger, operation, e.StatusCode, e.Message);
        return false;
    }
}
