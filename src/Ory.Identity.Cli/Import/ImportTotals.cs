using System.Globalization;

namespace Ory.Identity.Cli.Import;

/// <summary>Counts of an import run.</summary>
internal sealed class ImportTotals
{
    public long Imported { get; private set; }

    public long Skipped { get; private set; }

    public long Failed { get; private set; }

    public long Processed => Imported + Skipped + Failed;

    public void Add(ImportStatus status)
    {
        switch (status)
        {
            case ImportStatus.Created: Imported++; break;
            case ImportStatus.Skipped: Skipped++; break;
            default: Failed++; break;
        }
    }

    /// <summary>The run's last line: <c>imported N, skipped N, failed N in S s (R identities/s)</c>.</summary>
    public string Summary(TimeSpan elapsed)
    {
        var seconds = Math.Max(elapsed.TotalSeconds, 0.001);
        return string.Create(CultureInfo.InvariantCulture,
            $"imported {Imported}, skipped {Skipped}, failed {Failed} in {seconds:0.00} s ({Imported / seconds:0} identities/s)");
    }
}
