using Ory.Identity.Cli.Import;

namespace Ory.Identity.Cli.Targets;

/// <summary>Writes a batch that <see cref="IImportTarget.PrepareAsync"/> prepared: one outcome per item, in order.</summary>
internal delegate Task<IReadOnlyList<ImportOutcome>> BatchWrite(CancellationToken cancellationToken);
