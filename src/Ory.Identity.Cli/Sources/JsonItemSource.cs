using System.Runtime.CompilerServices;
using System.Text.Json;
using Ory.Identity.Cli.Import;

namespace Ory.Identity.Cli.Sources;

/// <summary>
/// Reads Kratos <c>createIdentityBody</c> objects from a stream, as a JSON array or as JSON Lines (told apart by the
/// first character), one item at a time through a reused buffer, so memory stays flat however long the file is. Items
/// are named by the line they start on. A JSON Lines line that is not JSON becomes a failed item and reading goes on;
/// a JSON array that stops parsing cannot be read past that point (<see cref="SourceFormatException"/>).
/// </summary>
internal sealed class JsonItemSource(Stream stream, long? length) : IImportSource
{
    private const int MaxItemBytes = 64 * 1024 * 1024;
    private byte[] _buffer = new byte[64 * 1024];
    private int _start;
    private int _end;
    private bool _eof;
    private long _consumedBefore;
    private int _line = 1;

    public double? Fraction => length is > 0 ? Math.Min(1, (double)(_consumedBefore + _start) / length.Value) : null;

    public async IAsyncEnumerable<ImportItem> ReadAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (!await SkipWhitespaceAsync(cancellationToken).ConfigureAwait(false))
        {
            yield break;
        }

        if (_buffer[_start] == (byte)'[')
        {
            Advance(1);
            await foreach (var item in ReadArrayAsync(cancellationToken).ConfigureAwait(false))
            {
                yield return item;
            }
        }
        else
        {
            await foreach (var item in ReadLinesAsync(cancellationToken).ConfigureAwait(false))
            {
                yield return item;
            }
        }
    }

    private async IAsyncEnumerable<ImportItem> ReadLinesAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // How many bytes after _start are known to hold no newline: a fill scans only what it added, so a long line
        // read over many fills is scanned once (FillAsync moves the buffer's content, never this offset from _start).
        var scanned = 0;
        while (true)
        {
            var found = _buffer.AsSpan(_start + scanned, _end - _start - scanned).IndexOf((byte)'\n');
            var newline = found < 0 ? -1 : scanned + found;
            if (newline < 0 && !_eof)
            {
                scanned = _end - _start;
                await FillAsync(cancellationToken).ConfigureAwait(false);
                continue;
            }

            var length = newline < 0 ? _end - _start : newline;
            if (length == 0 && newline < 0)
            {
                yield break;
            }

            var line = _buffer.AsSpan(_start, length).Trim("\r\t "u8);
            var number = _line;
            if (!line.IsEmpty)
            {
                yield return Parse(line, $"line {number}");
            }

            Advance(newline < 0 ? length : length + 1);
            scanned = 0;
        }
    }

    private async IAsyncEnumerable<ImportItem> ReadArrayAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var expectItem = true;
        while (true)
        {
            if (!await SkipWhitespaceAsync(cancellationToken).ConfigureAwait(false))
            {
                throw new SourceFormatException($"The JSON array ends without ']' at line {_line}.");
            }

            var next = _buffer[_start];
            if (next == (byte)']')
            {
                Advance(1);
                if (await SkipWhitespaceAsync(cancellationToken).ConfigureAwait(false))
                {
                    throw new SourceFormatException($"Unexpected content after the JSON array at line {_line}.");
                }

                yield break;
            }

            if (!expectItem)
            {
                if (next != (byte)',')
                {
                    throw new SourceFormatException($"Expected ',' or ']' between the array's items at line {_line}.");
                }

                Advance(1);
                expectItem = true;
                continue;
            }

            var size = await MeasureValueAsync(cancellationToken).ConfigureAwait(false);
            var source = $"line {_line}";
            if (size < 0)
            {
                throw new SourceFormatException($"The array item at {source} is not valid JSON.");
            }

            var item = new ImportItem(source, _buffer.AsSpan(_start, size).ToArray());
            Advance(size);
            expectItem = false;
            yield return item;
        }
    }

    // The byte length of the JSON value at _start, reading more as needed; -1 when it is not valid JSON.
    private async Task<int> MeasureValueAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var complete = TryMeasure(_buffer.AsSpan(_start, _end - _start), _eof, out var size);
            if (complete)
            {
                return size;
            }

            if (_eof)
            {
                return -1;
            }

            await FillAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private static bool TryMeasure(ReadOnlySpan<byte> data, bool isFinalBlock, out int size)
    {
        size = -1;
        var reader = new Utf8JsonReader(data, isFinalBlock, default);
        try
        {
            if (!reader.Read())
            {
                return false;
            }

            if ((reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray) && !reader.TrySkip())
            {
                return false;
            }

            size = (int)reader.BytesConsumed;
            return true;
        }
        catch (JsonException)
        {
            // Not valid JSON; in a partial block it may only be cut short, so only the final block decides.
            return isFinalBlock;
        }
    }

    private static ImportItem Parse(ReadOnlySpan<byte> line, string source)
    {
        var copy = line.ToArray();
        return TryMeasure(copy, true, out var size) && size == copy.Length
            ? new ImportItem(source, copy)
            : new ImportItem(source, null, "The line is not one JSON value.");
    }

    // Skips whitespace; false at the end of the stream.
    private async Task<bool> SkipWhitespaceAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var span = _buffer.AsSpan(_start, _end - _start);
            var skipped = span.IndexOfAnyExcept(" \t\r\n"u8);
            if (skipped >= 0)
            {
                Advance(skipped);
                if (_start + 2 < _end && _buffer[_start] == 0xEF && _buffer[_start + 1] == 0xBB && _buffer[_start + 2] == 0xBF)
                {
                    Advance(3);
                    continue;
                }

                return true;
            }

            Advance(span.Length);
            if (_eof)
            {
                return false;
            }

            await FillAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private void Advance(int count)
    {
        _line += _buffer.AsSpan(_start, count).Count((byte)'\n');
        _start += count;
    }

    private async Task FillAsync(CancellationToken cancellationToken)
    {
        if (_start > 0)
        {
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
            _consumedBefore += _start;
            _end -= _start;
            _start = 0;
        }

        if (_end == _buffer.Length)
        {
            if (_buffer.Length >= MaxItemBytes)
            {
                throw new SourceFormatException($"An item starting at line {_line} is larger than {MaxItemBytes / (1024 * 1024)} MB.");
            }

            Array.Resize(ref _buffer, _buffer.Length * 2);
        }

        var read = await stream.ReadAsync(_buffer.AsMemory(_end), cancellationToken).ConfigureAwait(false);
        if (read == 0)
        {
            _eof = true;
        }

        _end += read;
    }
}
