using System.Diagnostics;
using System.Globalization;

namespace Ory.Identity.Cli.Import;

/// <summary>
/// Shows an import's progress on standard error: on a terminal a bar redrawn in place with the rate and, when the
/// source knows how much is left, the ETA; redirected, one plain line every few seconds. Never shows item data.
/// </summary>
internal sealed class ImportProgress(TextWriter error, bool bar, bool enabled, Func<double?> fraction)
{
    private static readonly TimeSpan BarInterval = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan PlainInterval = TimeSpan.FromSeconds(5);
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private TimeSpan _lastShown;
    private bool _drawn;

    public TimeSpan Elapsed => _clock.Elapsed;

    public static ImportProgress Create(ProgressMode mode, TextWriter error, bool errorIsTerminal, Func<double?> fraction) =>
        new(error, mode == ProgressMode.Auto && errorIsTerminal, mode != ProgressMode.None, fraction);

    public void Update(ImportTotals totals)
    {
        var now = _clock.Elapsed;
        if (!enabled || now - _lastShown < (bar ? BarInterval : PlainInterval))
        {
            return;
        }

        _lastShown = now;
        var done = totals.Processed;
        var rate = done / Math.Max(now.TotalSeconds, 0.001);
        var share = fraction();
        var eta = share is > 0.0001 and < 1 ? TimeSpan.FromSeconds(now.TotalSeconds / share.Value * (1 - share.Value)) : (TimeSpan?)null;
        var counts = string.Create(CultureInfo.InvariantCulture,
            $"{done:N0} processed ({totals.Imported:N0} imported, {totals.Skipped:N0} skipped, {totals.Failed:N0} failed), {rate:N0}/s");
        var etaText = eta is { } e ? $", ETA {e:hh\\:mm\\:ss}" : string.Empty;
        if (bar)
        {
            const int Width = 30;
            var filled = share is { } s ? (int)(s * Width) : 0;
            var percent = share is { } p ? string.Create(CultureInfo.InvariantCulture, $"{p * 100,3:0}% ") : string.Empty;
            error.Write($"\r[{new string('#', filled)}{new string('-', Width - filled)}] {percent}{counts}{etaText}\u001b[K");
            _drawn = true;
        }
        else
        {
            error.WriteLine($"import: {counts}{etaText}");
        }

        error.Flush();
    }

    /// <summary>Ends the bar's line so what follows starts on its own.</summary>
    public void Complete()
    {
        if (_drawn)
        {
            error.WriteLine();
        }
    }
}
