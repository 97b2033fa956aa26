using Ory.Identity.Cli.Import;

namespace Ory.Identity.Cli.Targets;

/// <summary>
/// Imports into the stores the process registered: create bodies through <see cref="IIdentityManager.CreateManyAsync"/>,
/// exported identities (ids, timestamps and hashes kept) through <see cref="IdentityRestorer.RestoreManyAsync"/>.
/// </summary>
internal sealed class LibraryImportTarget(IIdentityManager identities, IdentityRestorer restorer) : IImportTarget
{
    public Task<IReadOnlyList<ImportOutcome>> CreateAsync(IReadOnlyList<PreparedItem> batch, CancellationToken cancellationToken) =>
        BatchParts.RunAsync(batch, RestoreAsync, CreateRequestsAsync, cancellationToken);

    private async Task<IReadOnlyList<ImportOutcome>> CreateRequestsAsync(IReadOnlyList<PreparedItem> batch, CancellationToken cancellationToken)
    {
        BatchCreateResult result;
        try
        {
            result = await identities.CreateManyAsync(batch.Select(i => i.Request).ToList(), cancellationToken)
                .ConfigureAwait(false);
        }
        catch (OryIdentityException e) when (batch.Count > 1 && e.StatusCode == 400)
        {
            // As in Kratos, an item that cannot be built at all (an unknown hash format, say) refuses the whole batch
            // with a 400: retry one by one, so only that item fails. Anything else (a full hashing queue's 503) stops
            // the run, as the admin-API target does.
            return await BatchFallback.OneByOneAsync(this, batch, cancellationToken).ConfigureAwait(false);
        }
        catch (OryIdentityException e)
        {
            return [ImportOutcome.Failed(batch[0].Item.Source, e.Error)];
        }

        return Outcomes(batch, result);
    }

    private async Task<IReadOnlyList<ImportOutcome>> RestoreAsync(IReadOnlyList<PreparedItem> batch, CancellationToken cancellationToken)
    {
        var result = await restorer.RestoreManyAsync(batch.Select(i => i.Exported!).ToList(), cancellationToken).ConfigureAwait(false);
        return Outcomes(batch, result);
    }

    private static List<ImportOutcome> Outcomes(IReadOnlyList<PreparedItem> batch, BatchCreateResult result) =>
        batch.Select((item, i) => result.Identities[i] switch
        {
            { Succeeded: true, Identity: { } id } => ImportOutcome.Created(item.Item.Source, id),
            { Error: { } error } => ImportOutcome.Failed(item.Item.Source, error),
            _ => ImportOutcome.Malformed(item.Item.Source, "The target returned no result for this item."),
        }).ToList();
}
