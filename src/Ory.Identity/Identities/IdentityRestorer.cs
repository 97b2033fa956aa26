using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Ory.Identity.Storage;

namespace Ory.Identity;

/// <summary>
/// The import-only path that keeps what a create cannot: it stores identities exactly as an admin API returned them
/// with their credentials (Kratos's <c>identity</c> JSON from <c>GET /admin/identities?include_credential=…</c>): ids,
/// <c>created_at</c>/<c>updated_at</c>/<c>state_changed_at</c>, states, addresses with their ids, verified flags and
/// statuses, metadata and credentials (hashes byte for byte). Kratos's <c>createIdentityBody</c> has no <c>id</c> or
/// timestamps, so <see cref="IIdentityManager.CreateManyAsync"/> cannot do this; only the <c>ory-identity</c> tool's
/// <c>export</c> → <c>import file</c> round trip and <c>import kratos</c> use it.
/// </summary>
/// <remarks>
/// Each identity is checked as a create checks what it stores: its schema must be configured and its traits valid
/// against it (Kratos's 400 otherwise), machine identities hold API keys only, no NUL in any stored string. What the
/// schema would derive (addresses, credential identifiers) is kept as given, not re-derived: the source already derived
/// it. <c>schema_url</c> becomes this deployment's. Uniqueness is the store's (a 409 per clashing item), as for a create.
/// </remarks>
internal sealed class IdentityRestorer(IIdentityStore store, IdentityRules rules)
{
    /// <summary>A restorer over the store and schemas of a provider that ran <c>AddOryIdentity</c>.</summary>
    public static IdentityRestorer Create(IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<OryIdentityOptions>>().Value;
        return new IdentityRestorer(
            services.GetRequiredService<IIdentityStore>(),
            new IdentityRules(services.GetRequiredService<IdentitySchemaRegistry>(), options.Serve.Public.BaseUrl));
    }

    /// <summary>
    /// Stores a batch of at most <see cref="IdentityBatchLimits.MaxItems"/> identities; one result per item, in order:
    /// <c>create</c> with the kept id, or <c>error</c> with Kratos's error (400 invalid, 409 a unique value or the id is taken).
    /// </summary>
    /// <exception cref="InvalidRequestException">More than <see cref="IdentityBatchLimits.MaxItems"/> identities.</exception>
    public async Task<BatchCreateResult> RestoreManyAsync(IReadOnlyList<Identity> identities, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(identities);
        if (identities.Count > IdentityBatchLimits.MaxItems)
        {
            throw new InvalidRequestException(IdentityBatchLimits.TooManyItems);
        }

        var results = new BatchCreateItemResult?[identities.Count];
        var checkedItems = new List<(int Index, Identity Identity)>(identities.Count);
        for (var i = 0; i < identities.Count; i++)
        {
            try
            {
                checkedItems.Add((i, Check(identities[i])));
            }
            catch (OryIdentityException e)
            {
                results[i] = Refused(e);
            }
        }

        // The id is not one of the store's unique values (generated ids never clash), so taken ids are looked up first,
        // in one query, and an id repeated within the batch is refused after its first item.
        var ids = checkedItems.Select(c => c.Identity.Id).ToHashSet();
        var taken = ids.Count == 0
            ? []
            : (await store.ListAsync(new IdentityStoreQuery { Ids = ids, Limit = ids.Count }, cancellationToken).ConfigureAwait(false))
                .Select(i => i.Id).ToHashSet();
        var fresh = new List<(int Index, Identity Identity)>(checkedItems.Count);
        foreach (var (index, identity) in checkedItems)
        {
            if (!taken.Add(identity.Id))
            {
                results[index] = IdTaken;
            }
            else
            {
                fresh.Add((index, identity));
            }
        }

        var conflicts = fresh.Count == 0
            ? []
            : await store.InsertManyAsync(fresh.Select(f => f.Identity).ToArray(), cancellationToken).ConfigureAwait(false);
        for (var j = 0; j < fresh.Count; j++)
        {
            var (index, identity) = fresh[j];
            results[index] = conflicts[j] is { } conflict
                ? Refused(new IdentityConflictException(conflict))
                : new BatchCreateItemResult { Action = BatchCreateItemResult.CreateAction, Identity = identity.Id };
        }

        return new BatchCreateResult(results);
    }

    private static readonly BatchCreateItemResult IdTaken = new()
    {
        Action = BatchCreateItemResult.ErrorAction,
        Error = new OryError
        {
            Code = 409,
            Status = OryErrorTexts.StatusOf(409),
            Message = OryErrorTexts.Conflict,
            Reason = "An identity with this id already exists.",
        },
    };

    private Identity Check(Identity identity)
    {
        var schema = rules.SchemaOf(identity.SchemaId);
        _ = rules.Validate(schema, identity.Traits);
        return rules.CheckBeforeStoring(identity with { SchemaUrl = rules.SchemaUrlOf(schema) });
    }

    private static BatchCreateItemResult Refused(OryIdentityException e) =>
        new() { Action = BatchCreateItemResult.ErrorAction, Error = e.Error };
}
