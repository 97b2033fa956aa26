using System.Text.Json;

namespace Ory.Identity.Cli.Import;

/// <summary>
/// What an earlier run's report says: the sources recorded as created or skipped (done), and the sources of the batch
/// it was writing when it stopped (<see cref="ImportReport.SendingPath"/>: sent to the target, no outcome reported). A
/// rerun with <c>--resume</c> passes over the done items and retries the rest (failed items included). A line cut short
/// by a crash is ignored.
/// </summary>
internal sealed class ResumeState
{
    private readonly HashSet<string> _done;
    private readonly HashSet<string> _unreported;

    private ResumeState(HashSet<string> done, HashSet<string> unreported)
    {
        _done = done;
        _unreported = unreported;
    }

    public static ResumeState None { get; } = new([], []);

    /// <summary>Whether the run resumes an earlier one.</summary>
    public bool IsResuming => !ReferenceEquals(this, None);

    public int DoneCount => _done.Count;

    public bool IsDone(string source) => _done.Contains(source);

    /// <summary>
    /// Whether the interrupted run had sent this item to the target without reporting its outcome: a conflict (409) on
    /// it is the identity that run wrote, so it counts as skipped whatever <c>--on-conflict</c> says. A conflict on any
    /// other item (a duplicate in the source, an identity present before) follows <c>--on-conflict</c>.
    /// </summary>
    public bool WasBeingWritten(string source) => _unreported.Contains(source);

    public static async Task<ResumeState> ReadAsync(string path, CancellationToken cancellationToken)
    {
        // The sources of the batch being written (at most one batch), less those the report has an outcome for.
        var unreported = new HashSet<string>(StringComparer.Ordinal);
        var sending = ImportReport.SendingPath(path);
        if (File.Exists(sending))
        {
            await foreach (var source in File.ReadLinesAsync(sending, cancellationToken).ConfigureAwait(false))
            {
                if (source.Length > 0)
                {
                    unreported.Add(source);
                }
            }
        }

        var done = new HashSet<string>(StringComparer.Ordinal);
        if (File.Exists(path))
        {
            await foreach (var line in File.ReadLinesAsync(path, cancellationToken).ConfigureAwait(false))
            {
                if (ReadOutcome(line) is not ({ } source, var status))
                {
                    continue;
                }

                unreported.Remove(source);
                if (status is "created" or "skipped")
                {
                    done.Add(source);
                }
            }
        }

        return new ResumeState(done, unreported);
    }

    // A report line's source and status; nulls for the last line of a report whose writer was killed.
    private static (string? Source, string? Status) ReadOutcome(string line)
    {
        try
        {
            using var document = JsonDocument.Parse(line);
            var root = document.RootElement;
            return root.ValueKind == JsonValueKind.Object
                && root.TryGetProperty("source", out var source) && source.ValueKind == JsonValueKind.String
                && root.TryGetProperty("status", out var status) && status.ValueKind == JsonValueKind.String
                ? (source.GetString(), status.GetString())
                : (null, null);
        }
        catch (JsonException)
        {
            return (null, null);
        }
    }
}
