using Ory.Identity.Cli.Import;

namespace Ory.Identity.Cli.Targets;

/// <summary>Where an import writes: the library's stores in process, or a Kratos-compatible admin API.</summary>
internal interface IImportTarget
{
    /// <summary>
    /// Creates one batch (at most 1000 items, 200 with cleartext passwords) and returns one outcome per item, in order.
    /// An item the target refuses is failed with Kratos's error; nothing of it is written.
    /// </summary>
    Task<IReadOnlyList<ImportOutcome>> CreateAsync(IReadOnlyList<PreparedItem> batch, CancellationToken cancellationToken);

    /// <summary>
    /// Does the part of <see cref="CreateAsync"/> that does not depend on what is stored (validation, derivation), so that
    /// it can run while the previous batch is written, and returns the step that writes the batch. Writing it gives the
    /// outcomes <see cref="CreateAsync"/> would. By default nothing is done ahead.
    /// </summary>
    Task<BatchWrite> PrepareAsync(IReadOnlyList<PreparedItem> batch, CancellationToken cancellationToken) =>
        Task.FromResult<BatchWrite>(writeCancellation => CreateAsync(batch, writeCancellation));
}
