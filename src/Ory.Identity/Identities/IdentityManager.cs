using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Ory.Identity.Storage;

namespace Ory.Identity;

/// <summary>The default <see cref="IIdentityManager"/>: validates and derives, then lets the store persist atomically.</summary>
internal sealed class IdentityManager : IIdentityManager
{
    /// <summary>The most items a batch create may hold (Kratos's limit).</summary>
    public const int MaxBatchSize = 1000;

    private const string MaxBatchReason = "The maximum number of identities per request that can be created or deleted at once is 1000.";
    private const int MaxExternalIdLength = 64;

    private static readonly JsonElement EmptyTraits = JsonDocument.Parse("{}").RootElement.Clone();

    private readonly IIdentityStore _store;
    private readonly IRecoveryStore _recovery;
    private readonly IdentitySchemaRegistry _schemas;
    private readonly OryIdentityClock _clock;
    private readonly ILogger _logger;
    private readonly Dictionary<string, string> _schemaUrls;
    private readonly IdentityPatcher _patcher;

    public IdentityManager(
        IIdentityStore store,
        IRecoveryStore recovery,
        IdentitySchemaRegistry schemas,
        OryIdentityClock clock,
        OryIdentityOptions options,
        ILogger<IdentityManager> logger)
    {
        _store = store;
        _recovery = recovery;
        _schemas = schemas;
        _clock = clock;
        _logger = logger;
        var publicBase = options.Serve.Public.BaseUrl.TrimEnd('/');
        _schemaUrls = schemas.Schemas.ToDictionary(s => s.Id, s => $"{publicBase}/schemas/{s.EncodedId}", StringComparer.Ordinal);
        _patcher = new IdentityPatcher(this);
    }

    public async Task<Identity> CreateAsync(CreateIdentityRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        using var activity = OryIdentityDiagnostics.ActivitySource.StartActivity("ory.identity.create");
        try
        {
            var identity = BuildNew(request, _clock.Now());
            await _store.InsertAsync(identity, cancellationToken).ConfigureAwait(false);
            OryIdentityDiagnostics.IdentitiesCreated.Add(1);
            Log.IdentityCreated(_logger, identity.Id, identity.SchemaId);
            activity?.SetTag("ory.identity.id", identity.Id);
            return identity.ToAdminView();
        }
        catch (OryIdentityException e) when (Refused("create", e, activity))
        {
            throw;
        }
    }

    public async Task<BatchCreateResult> CreateManyAsync(IReadOnlyList<CreateIdentityRequest?> requests, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(requests);
        using var activity = OryIdentityDiagnostics.ActivitySource.StartActivity("ory.identity.create_many");
        if (requests.Count > MaxBatchSize)
        {
            var tooMany = new InvalidRequestException(MaxBatchReason);
            Refused("create_many", tooMany, activity);
            throw tooMany;
        }

        var now = _clock.Now();
        var results = new BatchCreateItemResult?[requests.Count];
        var built = new List<(int Index, Identity Identity)>(requests.Count);
        for (var i = 0; i < requests.Count; i++)
        {
            if (requests[i] is not { } request)
            {
                continue;
            }

            try
            {
                built.Add((i, BuildNew(request, now)));
            }
            catch (OryIdentityException e)
            {
                results[i] = new BatchCreateItemResult { Action = BatchCreateItemResult.ErrorAction, Error = e.Error };
            }
        }

        var conflicts = await _store.InsertManyAsync(built.Select(b => b.Identity).ToArray(), cancellationToken).ConfigureAwait(false);
        var created = 0;
        for (var j = 0; j < built.Count; j++)
        {
            var (index, identity) = built[j];
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
        return WithSchemaUrl(identity).ToAdminView(options?.IncludeCredentials);
    }

    public async Task<Identity> GetByExternalIdAsync(string externalId, IdentityQueryOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(externalId);
        if (externalId.Length == 0)
        {
            throw new InvalidRequestException("The external ID must not be empty.");
        }

        var identity = await _store.GetByExternalIdAsync(externalId, cancellationToken).ConfigureAwait(false) ?? throw new IdentityNotFoundException();
        return WithSchemaUrl(identity).ToAdminView(options?.IncludeCredentials);
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
        using var activity = OryIdentityDiagnostics.ActivitySource.StartActivity("ory.identity.update");
        try
        {
            if (request.State is { IsValid: false })
            {
                throw new InvalidRequestException(InvalidStateReason);
            }

            RefuseCredentialImport(request.Credentials);
            var externalId = CheckExternalId(request.ExternalId);
            var traits = TraitsOrEmpty(request.Traits);

            // Validate outside the store's atomic section when the schema is known up front; the update re-derives only
            // if the stored schema changed in between.
            var current = await _store.GetAsync(id, cancellationToken).ConfigureAwait(false) ?? throw new IdentityNotFoundException();
            var schemaId = string.IsNullOrEmpty(request.SchemaId) ? current.SchemaId : request.SchemaId;
            var derivation = Validate(schemaId, traits);

            var now = _clock.Now();
            var updated = await _store.UpdateAsync(id, stored =>
            {
                var effectiveSchema = string.IsNullOrEmpty(request.SchemaId) ? stored.SchemaId : request.SchemaId;
                var effective = effectiveSchema == schemaId ? derivation : Validate(effectiveSchema, traits);
                var state = request.State ?? stored.State;
                var next = stored with
                {
                    SchemaId = effectiveSchema,
                    SchemaUrl = SchemaUrlOf(effectiveSchema),
                    State = state,
                    StateChangedAt = state == stored.State ? stored.StateChangedAt : now,
                    MetadataPublic = NullIfJsonNull(request.MetadataPublic),
                    MetadataAdmin = NullIfJsonNull(request.MetadataAdmin),
                    ExternalId = externalId,
                    UpdatedAt = now,
                };
                return DerivedValuesApplier.Apply(next, effective, stored.VerifiableAddresses, stored.RecoveryAddresses, now);
            }, cancellationToken).ConfigureAwait(false);

            OryIdentityDiagnostics.IdentitiesUpdated.Add(1);
            Log.IdentityUpdated(_logger, id);
            return updated.ToAdminView();
        }
        catch (OryIdentityException e) when (Refused("update", e, activity))
        {
            throw;
        }
    }

    public async Task<Identity> PatchAsync(Guid id, IReadOnlyList<JsonPatchOperation> operations, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(operations);
        using var activity = OryIdentityDiagnostics.ActivitySource.StartActivity("ory.identity.patch");
        try
        {
            var now = _clock.Now();
            var updated = await _store.UpdateAsync(id, stored => _patcher.Apply(stored, operations, now), cancellationToken).ConfigureAwait(false);
            OryIdentityDiagnostics.IdentitiesUpdated.Add(1);
            Log.IdentityPatched(_logger, id);
            return updated.ToAdminView();
        }
        catch (OryIdentityException e) when (Refused("patch", e, activity))
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

        // The identity's recovery flows and tokens go with it.
        await _recovery.DeleteByIdentityAsync(id, cancellationToken).ConfigureAwait(false);

        OryIdentityDiagnostics.IdentitiesDeleted.Add(1);
        Log.IdentityDeleted(_logger, id);
    }

    public async Task<Identity> DeleteCredentialsAsync(Guid id, CredentialsType type, string? identifier = null, CancellationToken cancellationToken = default)
    {
        using var activity = OryIdentityDiagnostics.ActivitySource.StartActivity("ory.identity.delete_credentials");
        try
        {
            var now = _clock.Now();
            var updated = await _store.UpdateAsync(id, stored => CredentialsRemover.Remove(stored, type, identifier, now), cancellationToken).ConfigureAwait(false);
            Log.CredentialsDeleted(_logger, id, type.Value);
            return updated.ToAdminView();
        }
        catch (OryIdentityException e) when (Refused("delete_credentials", e, activity))
        {
            throw;
        }
    }

    internal const string InvalidStateReason = "identity state is not valid";

    /// <summary>Validates traits against a schema by id; an unknown schema is Kratos's 400.</summary>
    internal TraitsDerivation Validate(string schemaId, JsonElement traits)
    {
        var schema = _schemas.Find(schemaId);
        if (schema is null || !string.Equals(schema.Id, schemaId, StringComparison.Ordinal))
        {
            throw new InvalidRequestException($"Unable to find JSON Schema ID: {schemaId}");
        }

        return _schemas.Validate(schema, traits);
    }

    internal string SchemaUrlOf(string schemaId) =>
        _schemaUrls.TryGetValue(schemaId, out var url) ? url : string.Empty;

    internal static JsonElement? NullIfJsonNull(JsonElement? value) =>
        value is { ValueKind: JsonValueKind.Null or JsonValueKind.Undefined } ? null : value;

    internal static JsonElement TraitsOrEmpty(JsonElement? traits) =>
        traits is { ValueKind: not (JsonValueKind.Null or JsonValueKind.Undefined) } value ? value : EmptyTraits;

    internal static string? CheckExternalId(string? externalId)
    {
        if (string.IsNullOrEmpty(externalId))
        {
            return null;
        }

        return externalId.Length <= MaxExternalIdLength
            ? externalId
            : throw new InvalidRequestException($"external_id must be at most {MaxExternalIdLength} characters long.");
    }

    private Identity BuildNew(CreateIdentityRequest request, NodaTime.Instant now)
    {
        if (request.State is { IsValid: false })
        {
            throw new InvalidRequestException(InvalidStateReason);
        }

        RefuseCredentialImport(request.Credentials);
        var schemaId = string.IsNullOrEmpty(request.SchemaId) ? _schemas.DefaultSchemaId : request.SchemaId;
        var derivation = Validate(schemaId, TraitsOrEmpty(request.Traits));
        var identity = new Identity
        {
            Id = UuidV7.New(),
            SchemaId = schemaId,
            SchemaUrl = SchemaUrlOf(schemaId),
            State = request.State ?? IdentityState.Active,
            StateChangedAt = now,
            Traits = derivation.Traits,
            MetadataPublic = NullIfJsonNull(request.MetadataPublic),
            MetadataAdmin = NullIfJsonNull(request.MetadataAdmin),
            ExternalId = CheckExternalId(request.ExternalId),
            OrganizationId = request.OrganizationId,
            CreatedAt = now,
            UpdatedAt = now,
        };

        return DerivedValuesApplier.Apply(
            identity,
            derivation,
            AddressImports.ToVerifiable(request.VerifiableAddresses, now),
            AddressImports.ToRecovery(request.RecoveryAddresses, now),
            now);
    }

    // Credential import (passwords, hashes, social links, …) arrives with the credentials work; until then it is refused
    // clearly rather than silently dropped.
    private static void RefuseCredentialImport(IdentityCredentialsImport? credentials)
    {
        if (credentials is { IsEmpty: false })
        {
            throw new InvalidRequestException("Importing credentials is not supported by this version of Ory.Identity yet.");
        }
    }

    private Identity WithSchemaUrl(Identity identity)
    {
        var url = SchemaUrlOf(identity.SchemaId);
        return url.Length == 0 || url == identity.SchemaUrl ? identity : identity with { SchemaUrl = url };
    }

    // Used as an exception filter: records the refusal without unwinding, and never catches.
    private bool Refused(string operation, OryIdentityException e, Activity? activity)
    {
        OryIdentityDiagnostics.OperationsFailed.Add(1, new KeyValuePair<string, object?>("status", e.StatusCode));
        activity?.SetStatus(ActivityStatusCode.Error, e.Error.Status);
        Log.OperationRefused(_logger, operation, e.StatusCode, e.Message);
        return false;
    }
}
