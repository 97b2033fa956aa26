using System.Threading.Channels;
using Ory.Identity.Cli.Sources;
using Ory.Identity.Cli.Targets;

namespace Ory.Identity.Cli.Import;

/// <summary>
/// Moves items from a source to a target in batches (at most <see cref="IdentityBatchLimits.MaxItems"/>,
/// <see cref="IdentityBatchLimits.MaxCleartextPasswords"/> once an item has a cleartext password): each item is decoded
/// by the library's own decoder (a create body, or an exported identity restored as it is), the batch is created, every outcome goes to the report (flushed per batch)
/// and the totals. Items an earlier run finished (<see cref="ResumeState"/>) are passed over. A conflict (409) is
/// skipped or failed per <see cref="ConflictPolicy"/>, except, when resuming, on an item of the batch the interrupted
/// run was writing (<see cref="ResumeState.WasBeingWritten"/>): that run wrote it before it could report it, so it is
/// skipped.
/// </summary>
/// <remarks>
/// Reading, decoding and the target's prepare step (<see cref="IImportTarget.PrepareAsync"/>: validation and derivation,
/// nothing that depends on stored state) run one batch ahead of writing, on their own task, through a channel of
/// <see cref="ReadAhead"/> batches: the next batch is parsed and prepared while the target writes the previous one. Batches are still written one at a time
/// and in file order, so an item always meets the items before it as stored, as when run one after the other. Outcomes
/// are recorded by the writing side only, in the order they would be without the read-ahead (the items a batch's
/// reading refused, then the batch's own).
/// </remarks>
internal sealed class ImportRun(IImportTarget target, ImportReport report, ResumeState resume, ConflictPolicy conflicts, ImportProgress progress)
{
    /// <summary>How many batches may wait, read and decoded, while one is written.</summary>
    public const int ReadAhead = 1;

    public ImportTotals Totals { get; } = new();

    /// <summary>Sources of failed items, for the first lines of the console summary.</summary>
    public List<ImportOutcome> FirstFailures { get; } = [];

    public async Task RunAsync(IImportSource source, CancellationToken cancellationToken)
    {
        var batches = Channel.CreateBounded<ReadBatch>(new BoundedChannelOptions(ReadAhead) { SingleReader = true, SingleWriter = true });
        using var stopReading = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var reading = Task.Run(() => ReadAsync(source, batches.Writer, stopReading.Token), CancellationToken.None);
        try
        {
            await foreach (var batch in batches.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                foreach (var (refused, item) in batch.Refused)
                {
                    Record(refused, item.Json);
                }

                await FlushAsync(batch.Items, batch.Write, cancellationToken).ConfigureAwait(false);
            }
        }
        catch
        {
            // Writing stopped (the target is gone, or the run was interrupted): stop reading too, and report why writing stopped.
            await stopReading.CancelAsync().ConfigureAwait(false);
            await reading.ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default).ConfigureAwait(false);
            throw;
        }

        // Every batch read was written; a source that broke (SourceFormatException) says so now.
        await reading.ConfigureAwait(false);
    }

    // Reads and decodes batches into the channel and completes it; a SourceFormatException comes after the batch of the
    // items read before the point the source broke at, which are still imported.
    private async Task ReadAsync(IImportSource source, ChannelWriter<ReadBatch> batches, CancellationToken cancellationToken)
    {
        var batch = new ReadBatch();
        try
        {
            var limit = IdentityBatchLimits.MaxItems;
            await foreach (var item in source.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                if (resume.IsDone(item.Source))
                {
                    continue;
                }

                if (Prepare(item, batch.Refused) is not { } prepared)
                {
                    continue;
                }

                batch.Items.Add(prepared);
                if (prepared.HasCleartextPassword)
                {
                    limit = IdentityBatchLimits.MaxCleartextPasswords;
                }

                if (batch.Items.Count >= limit)
                {
                    batch.Write = await target.PrepareAsync(batch.Items, cancellationToken).ConfigureAwait(false);
                    await batches.WriteAsync(batch, cancellationToken).ConfigureAwait(false);
                    batch = new ReadBatch();
                    limit = IdentityBatchLimits.MaxItems;
                }
            }

            batch.Write = await target.PrepareAsync(batch.Items, cancellationToken).ConfigureAwait(false);
            await batches.WriteAsync(batch, cancellationToken).ConfigureAwait(false);
        }
        catch (SourceFormatException)
        {
            await batches.WriteAsync(batch, cancellationToken).ConfigureAwait(false);
            throw;
        }
        finally
        {
            batches.TryComplete();
        }
    }

    private static PreparedItem? Prepare(ImportItem item, List<(ImportOutcome, ImportItem)> refused)
    {
        if (item.Json is null)
        {
            refused.Add((ImportOutcome.Malformed(item.Source, item.ReadError ?? "The item could not be read."), item));
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
            refused.Add((ImportOutcome.Failed(item.Source, e.Error), item));
            return null;
        }
    }

    private async Task FlushAsync(List<PreparedItem> batch, BatchWrite? write, CancellationToken cancellationToken)
    {
        if (batch.Count > 0)
        {
            await report.RecordSendingAsync(batch, cancellationToken).ConfigureAwait(false);
            var outcomes = await (write ?? (c => target.CreateAsync(batch, c)))(cancellationToken).ConfigureAwait(false);
            for (var i = 0; i < outcomes.Count; i++)
            {
                var outcome = outcomes[i];
                Record(outcome.Error is { Code: 409 } && (conflicts == ConflictPolicy.Skip || resume.WasBeingWritten(outcome.Source))
                    ? outcome with { Status = ImportStatus.Skipped }
                    : outcome, batch[i].Item.Json);
            }
        }

        await report.FlushAsync(cancellationToken).ConfigureAwait(false);
        progress.Update(Totals);
    }

    // Records an outcome with its error as reported (ReportedError: nothing of the item's JSON in it).
    private void Record(ImportOutcome outcome, byte[]? item)
    {
        if (outcome.Error is { } error)
        {
            outcome = outcome with { Error = ReportedError.Of(error, item) };
        }

        Totals.Add(outcome.Status);
        report.Record(outcome);
        if (outcome.Status == ImportStatus.Failed && FirstFailures.Count < 10)
        {
            FirstFailures.Add(outcome);
        }
    }

    /// <summary>A batch as read: the items to create, and the items refused while reading it (not JSON, not decodable).</summary>
    private sealed class ReadBatch
    {
        public List<PreparedItem> Items { get; } = new(IdentityBatchLimits.MaxItems);

        public List<(ImportOutcome Outcome, ImportItem Item)> Refused { get; } = [];

        /// <summary>The write step <see cref="IImportTarget.PrepareAsync"/> returned for <see cref="Items"/>; null if not prepared.</summary>
        public BatchWrite? Write { get; set; }
    }
}
