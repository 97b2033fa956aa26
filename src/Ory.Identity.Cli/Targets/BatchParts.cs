using Ory.Identity.Cli.Import;

namespace Ory.Identity.Cli.Targets;

/// <summary>
/// Splits a batch that mixes exported identities and create bodies: each part goes its own way and the outcomes come
/// back in source order. A batch of one form goes whole to its handler.
/// </summary>
internal static class BatchParts
{
    public delegate Task<IReadOnlyList<ImportOutcome>> Handler(IReadOnlyList<PreparedItem> part, CancellationToken cancellationToken);

    public static async Task<IReadOnlyList<ImportOutcome>> RunAsync(
        IReadOnlyList<PreparedItem> batch, Handler exported, Handler creates, CancellationToken cancellationToken)
    {
        var exportedPart = batch.Where(i => i.Exported is not null).ToList();
        if (exportedPart.Count == 0)
        {
            return await creates(batch, cancellationToken).ConfigureAwait(false);
        }

        if (exportedPart.Count == batch.Count)
        {
            return await exported(batch, cancellationToken).ConfigureAwait(false);
        }

        var exportedOutcomes = await exported(exportedPart, cancellationToken).ConfigureAwait(false);
        var createdOutcomes = await creates(batch.Where(i => i.Exported is null).ToList(), cancellationToken).ConfigureAwait(false);
        var outcomes = new List<ImportOutcome>(batch.Count);
        int nextExported = 0, nextCreated = 0;
        foreach (var item in batch)
        {
            outcomes.Add(item.Exported is not null ? exportedOutcomes[nextExported++] : createdOutcomes[nextCreated++]);
        }

        return outcomes;
    }
}
