using Ory.Identity.Cli.Import;

namespace Ory.Identity.Cli.Targets;

/// <summary>Retries a batch that was refused as a whole item by item, so one bad item fails alone.</summary>
internal static class BatchFallback
{
    public static async Task<IReadOnlyList<ImportOutcome>> OneByOneAsync(
        IImportTarget target, IReadOnlyList<PreparedItem> batch, CancellationToken cancellationToken)
    {
        var outcomes = new List<ImportOutcome>(batch.Count);
        foreach (var item in batch)
        {
            outcomes.AddRange(await target.CreateAsync([item], cancellationToken).ConfigureAwait(false));
        }

        return outcomes;
    }
}
