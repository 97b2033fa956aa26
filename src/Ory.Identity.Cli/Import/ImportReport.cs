using System.Text.Json;

namespace Ory.Identity.Cli.Import;

/// <summary>
/// The <c>--report</c> file: one JSON object per item, <c>{"source":"line 12","status":"created","identity":"…"}</c> or
/// <c>{"source":…,"status":"failed"|"skipped","error":{Kratos's error}}</c>, appended and flushed after every batch so
/// that <c>--resume</c> can continue after a crash. Holds no item data (traits, hashes, keys): the errors it is
/// given are the reported ones (<see cref="ReportedError"/>). Beside it, <see cref="SendingPath"/> names the items
/// of the batch being written, so that a resumed run knows which conflicts are the interrupted run's own writes.
/// </summary>
internal sealed class ImportReport : IAsyncDisposable
{
    private readonly string? _path;
    private readonly FileStream? _file;
    private readonly Utf8JsonWriter? _writer;

    private ImportReport(string? path)
    {
        _path = path;
        _file = path is null ? null : new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read, 64 * 1024);
        _writer = _file is null ? null : new Utf8JsonWriter(_file, new JsonWriterOptions { SkipValidation = true });
    }

    /// <summary>A report appended to <paramref name="path"/>, or one that records nothing when it is null.</summary>
    public static ImportReport Open(string? path) => new(path);

    /// <summary>
    /// The file beside the report (<c>&lt;report&gt;.sending</c>) naming, one source a line, the items of the batch last
    /// sent to the target; the items among them the report has no outcome for were being written when the run stopped.
    /// </summary>
    public static string SendingPath(string reportPath) => reportPath + ".sending";

    /// <summary>Names the batch about to be sent (<see cref="SendingPath"/>), on disk before the target sees it.</summary>
    public async Task RecordSendingAsync(IReadOnlyList<PreparedItem> batch, CancellationToken cancellationToken)
    {
        if (_path is not null)
        {
            await File.WriteAllLinesAsync(SendingPath(_path), batch.Select(i => i.Item.Source), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>After a run that wrote every batch it sent and reported it: no batch is left being written.</summary>
    public void Complete()
    {
        if (_path is not null)
        {
            File.Delete(SendingPath(_path));
        }
    }

    public void Record(ImportOutcome outcome)
    {
        if (_writer is null)
        {
            return;
        }

        _writer.WriteStartObject();
        _writer.WriteString("source", outcome.Source);
        _writer.WriteString("status", outcome.Status switch
        {
            ImportStatus.Created => "created",
            ImportStatus.Skipped => "skipped",
            _ => "failed",
        });
        if (outcome.IdentityId is { } id)
        {
            _writer.WriteString("identity", id);
        }

        if (outcome.Error is { } error)
        {
            _writer.WritePropertyName("error");
            JsonSerializer.Serialize(_writer, error, OryIdentityJson.TypeInfo<OryError>());
        }

        _writer.WriteEndObject();
        _writer.Flush();
        _writer.Reset();
        _file!.WriteByte((byte)'\n');
    }

    /// <summary>Writes what was recorded through to the disk.</summary>
    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        if (_file is not null)
        {
            await _file.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_writer is not null)
        {
            await _writer.DisposeAsync().ConfigureAwait(false);
        }

        if (_file is not null)
        {
            await _file.DisposeAsync().ConfigureAwait(false);
        }
    }
}
