using Ory.Identity.Cli.Import;

namespace Ory.Identity.Cli.Sources;

/// <summary>Where an import reads identities from, one at a time.</summary>
internal interface IImportSource
{
    /// <summary>How much of the source has been read (0–1), when known; drives the progress bar's ETA.</summary>
    double? Fraction { get; }

    /// <summary>The items, in source order.</summary>
    IAsyncEnumerable<ImportItem> ReadAsync(CancellationToken cancellationToken);
}
