using System.Text.Json;

namespace Ory.Identity.Cli.Import;

/// <summary>
/// The <c>--report</c> file: one JSON object per item, <c>{"source":"line 12","status":"created","identity":"…"}</c> or
/// <c>{"source":…,"status":"failed"|"skipped","error":{Kratos's error}}</c>, appended and flushed after every batch so
/// that <c>--resume</c> can continue after a crash. Holds no item data (traits, hashes, keys): a schema-validation
/// reason keeps only its pointers (<see cref="ReportedReason"/>).
/// </summary>
internal sealed class ImportReport : IAsyncDisposable
{
    private readonly FileStream? _file;
    private readonly Utf8JsonWriter? _writer;

    private ImportReport(FileStream? file)
    {
        _file = file;
        _writer = file is null ? null : new Utf8JsonWriter(file, new JsonWriterOptions { SkipValidation = true });
    }

    /// <summary>A report appended to <paramref name="path"/>, or one that records nothing when it is null.</summary>
    public static ImportReport Open(string? path) =>
        new(path is null ? null : new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read, 64 * 1024));

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
            JsonSerializer.Serialize(_writer, error with { Reason = ReportedReason.Of(error.Reason) }, OryIdentityJson.TypeInfo<OryError>());
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
