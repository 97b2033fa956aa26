using System.Text.Json;

namespace Ory.Identity.Cli.Import;

/// <summary>
/// What an earlier run's report says is done: the sources recorded as created or skipped. A rerun with
/// <c>--resume</c> passes over them and retries the rest (failed items included). A line cut short by a crash is
/// ignored.
/// </summary>
internal sealed class ResumeState
{
    private readonly HashSet<string> _done;

    private ResumeState(HashSet<string> done) => _done = done;

    public static ResumeState None { get; } = new([]);

    /// <summary>Whether the run resumes an earlier one (then a conflict is an item an interrupted batch already wrote).</summary>
    public bool IsResuming => !ReferenceEquals(this, None);

    public int DoneCount => _done.Count;

    public bool IsDone(string source) => _done.Contains(source);

    public static async Task<ResumeState> ReadAsync(string path, CancellationToken cancellationToken)
    {
        var done = new HashSet<string>(StringComparer.Ordinal);
        if (!File.Exists(path))
        {
            return new ResumeState(done);
        }

        await foreach (var line in File.ReadLinesAsync(path, cancellationToken).ConfigureAwait(false))
        {
            try
            {
                using var document = JsonDocument.Parse(line);
                var root = document.RootElement;
                if (root.TryGetProperty("status", out var status) && status.GetString() is "created" or "skipped"
                    && root.TryGetProperty("source", out var source) && source.GetString() is { } name)
                {
                    done.Add(name);
                }
            }
            catch (JsonException)
            {
                // The last line of a report whose writer was killed.
            }
        }

        return new ResumeState(done);
    }
}
