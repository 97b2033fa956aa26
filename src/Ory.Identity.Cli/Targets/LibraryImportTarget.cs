using Ory.Identity.Cli.Import;

namespace Ory.Identity.Cli.Targets;

/// <summary>
/// Imports into the stores the process registered: create bodies through <see cref="IIdentityManager.CreateManyAsync"/>,
/// exported identities (ids, timestamps and hashes kept) through <see cref="IdentityRestorer.RestoreManyAsync"/>.
/// </summary>
/// <remarks>
/// A batch of create bodies is prepared ahead in two steps (<see cref="IStagedBatchCreation"/>): validation and derivation
/// in <see cref="PrepareAsync"/>, on the reading side, and only the store's write in the step it returns. A batch the
/// prepare step refuses as a whole, or one with exported identities, is created by <see cref="CreateAsync"/> when its
/// turn comes, as without the prepare step (a differential test, <c>LibraryImportTargetStagedTests</c>, holds both to
/// the same outcomes and stored state).
/// </remarks>
internal sealed class LibraryImportTarget(IIdentityManager identities, IdentityRestorer restorer) : IImportTarget
{
    public Task<IReadOnlyList<ImportOutcome>> CreateAsync(IReadOnlyList<PreparedItem> batch, CancellationToken cancellationToken) =>
        BatchParts.RunAsync(batch, RestoreAsync, CreateRequestsAsync, cancellationToken);

    public async Task<BatchWrite> PrepareAsync(IReadOnlyList<PreparedItem> batch, CancellationToken cancellationToken)
    {
        BatchWrite unprepared = writeCancellation => CreateAsync(batch, writeCancellation);
        if (identities is not IStagedBatchCreation staged || batch.Count == 0 || batch.Any(i => i.Exported is not null))
        {
            return unprepared;
        }

        PreparedIdentityBatch prepared;
        try
        {
            prepared = await staged.PrepareManyAsync(Requests(batch), cancellationToken).ConfigureAwait(false);
        }
        catch (OryIdentityException)
        {
            // Refused as a whole: CreateAsync meets the same error when the batch's turn comes and handles it there.
            return unprepared;
        }

        return async writeCancellation => Outcomes(batch, await staged.WriteManyAsync(prepared, writeCancellation).ConfigureAwait(false));
    }

    private async Task<IReadOnlyList<ImportOutcome>> CreateRequestsAsync(IReadOnlyList<PreparedItem> batch, CancellationToken cancellationToken)
    {
        BatchCreateResult result;
        try
        {
            result = await identities.CreateManyAsync(Requests(batch), cancellationToken).ConfigureAwait(false);
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

    private static List<CreateIdentityRequest?> Requests(IReadOnlyList<PreparedItem> batch) => batch.Select(i => i.Request).ToList();

    private static List<ImportOutcome> Outcomes(IReadOnlyList<PreparedItem> batch, BatchCreateResult result) =>
        batch.Select((item, i) => result.Identities[i] switch
        {
            { Succeeded: true, Identity: { } id } => ImportOutcome.Created(item.Item.Source, id),
            { Error: { } error } => ImportOutcome.Failed(item.Item.Source, error),
            _ => ImportOutcome.Malformed(item.Item.Source, "The target returned no result for this item."),
        }).ToList();
}
