using Ory.Identity.Cli.Sources;
using Ory.Identity.Cli.Targets;

namespace Ory.Identity.Cli.Import;

/// <summary>
/// Moves items from a source to a target in batches (at most <see cref="IdentityBatchLimits.MaxItems"/>,
/// <see cref="IdentityBatchLimits.MaxCleartextPasswords"/> once an item has a cleartext password): each item is decoded
/// by the library's own decoder (a create body, or an exported identity restored as it is), the batch is created, every outcome goes to the report (flushed per batch)
/// and the totals. Items an earlier run finished (<see cref="ResumeState"/>) are passed over. A conflict (409) is
/// skipped or failed per <see cref="ConflictPolicy"/>; when resuming it is always skipped, since it is an item the
/// interrupted run wrote before it could report it.
/// </summary>
internal sealed class ImportRun(IImportTarget target, ImportReport report, ResumeState resume, ConflictPolicy conflicts, ImportProgress progress)
{
    public ImportTotals Totals { get; } = new();

    /// <summary>Sources of failed items, for the first lines of the console summary.</summary>
    public List<ImportOutcome> FirstFailures { get; } = [];

    public async Task RunAsync(IImportSource source, CancellationToken cancellationToken)
    {
        var batch = new List<PreparedItem>(IdentityBatchLimits.MaxItems);
        try
        {
            await ReadAsync(source, batch, cancellationToken).ConfigureAwait(false);
        }
        catch (SourceFormatException)
        {
            // The items read before the point the source broke at are still imported.
            await FlushAsync(batch, cancellationToken).ConfigureAwait(false);
            throw;
        }

        await FlushAsync(batch, cancellationToken).ConfigureAwait(false);
    }

    private async Task ReadAsync(IImportSource source, List<PreparedItem> batch, CancellationToken cancellationToken)
    {
        var limit = IdentityBatchLimits.MaxItems;
        await foreach (var item in source.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            if (resume.IsDone(item.Source))
            {
                continue;
            }

            if (Prepare(item) is not { } prepared)
            {
                continue;
            }

            batch.Add(prepared);
            if (prepared.HasCleartextPassword)
            {
                limit = IdentityBatchLimits.MaxCleartextPasswords;
            }

            if (batch.Count >= limit)
            {
                await FlushAsync(batch, cancellationToken).ConfigureAwait(false);
                limit = IdentityBatchLimits.MaxItems;
            }
        }
    }

    private PreparedItem? Prepare(ImportItem item)
    {
        if (item.Json is null)
        {
            Record(ImportOutcome.Malformed(item.Source, item.ReadError ?? "The item could not be read."));
            return null;
        }

        try
        {
            return ExportedIdentityJson.IsExported(item.Json)
                ? new PreparedItem(item, null, OryIdentityJson.Deserialize<Identity>(item.Json))
                : new PreparedItem(item, OryIdentityJson.Deserialize<CreateIdentityRequest>(item.Json));
        }
        catch (OryIdentityException e)
        {
            Record(ImportOutcome.Failed(item.Source, e.Error));
            return null;
        }
    }

    private async Task FlushAsync(List<PreparedItem> batch, CancellationToken cancellationToken)
    {
        if (batch.Count > 0)
        {
            var outcomes = await target.CreateAsync(batch, cancellationToken).ConfigureAwait(false);
            foreach (var outcome in outcomes)
            {
                Record(outcome.Error is { Code: 409 } && (conflicts == ConflictPolicy.Skip || resume.IsResuming)
                    ? outcome with { Status = ImportStatus.Skipped }
                    : outcome);
            }

            batch.Clear();
        }

        await report.FlushAsync(cancellationToken).ConfigureAwait(false);
        progress.Update(Totals);
    }

    private void Record(ImportOutcome outcome)
    {
        Totals.Add(outcome.Status);
        report.Record(outcome);
        if (outcome.Status == ImportStatus.Failed && FirstFailures.Count < 10)
        {
            FirstFailures.Add(outcome);
        }
    }
}
