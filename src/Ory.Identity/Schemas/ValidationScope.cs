using System.Buffers;
using System.Text.Json;

namespace Ory.Identity;

/// <summary>
/// One traits validation's working memory: the buffers that are reused from one validation to the next on a thread
/// (the <c>{"traits": …}</c> document for JsonSchema.Net, the fast path's instance path and hits, the extension deriver).
/// The only owner of those buffers: each is handed out empty, and <see cref="Dispose"/> clears every one of them
/// (dropping each reference to the traits) before the thread's next validation may have them.
/// </summary>
/// <remarks>
/// Use it with <c>using</c> around one validation and pass it down; a scope entered while another is open on the same
/// thread gets buffers of its own. Whatever a buffer held is gone when the scope ends, even when the validation threw.
/// A JSON buffer that grew past <see cref="MaxKeptJsonCapacity"/> (one unusually large document) is dropped, not kept.
/// </remarks>
internal ref struct ValidationScope
{
    /// <summary>The largest JSON buffer kept for the thread's next validation, in bytes.</summary>
    public const int MaxKeptJsonCapacity = 64 * 1024;

    [ThreadStatic]
    private static Buffers? t_idle;

    private Buffers? _buffers;

    private ValidationScope(Buffers buffers) => _buffers = buffers;

    private readonly Buffers Owned => _buffers ?? throw new ObjectDisposedException(nameof(ValidationScope));

    /// <summary>Opens a scope with the thread's idle buffers (new ones when another scope holds them).</summary>
    public static ValidationScope Enter()
    {
        var buffers = t_idle ?? new Buffers();
        t_idle = null;
        return new ValidationScope(buffers);
    }

    /// <summary>The JSON buffer, emptied, and a writer over it (the written bytes: <see cref="ArrayBufferWriter{T}.WrittenMemory"/>).</summary>
    public readonly Utf8JsonWriter EmptyJsonWriter(out ArrayBufferWriter<byte> buffer)
    {
        var owned = Owned;
        owned.JsonUsed = true;
        buffer = owned.Json;
        buffer.ResetWrittenCount();
        var writer = owned.Writer ??= new Utf8JsonWriter(buffer);
        writer.Reset(buffer);
        return writer;
    }

    /// <summary>The list the fast path collects hits into, emptied.</summary>
    public readonly List<ExtensionHit> EmptyHits()
    {
        var owned = Owned;
        if (owned.HitsUsed)
        {
            owned.Hits.Clear();
        }

        owned.HitsUsed = true;
        return owned.Hits;
    }

    /// <summary>The extension deriver, emptied.</summary>
    public readonly ExtensionDeriver EmptyDeriver()
    {
        var owned = Owned;
        if (owned.DeriverUsed)
        {
            owned.Deriver.Clear();
        }

        owned.DeriverUsed = true;
        return owned.Deriver;
    }

    /// <summary>
    /// The fast path's instance path stack; the walk writes at most its first <paramref name="depth"/> segments (each is
    /// cleared when the scope ends).
    /// </summary>
    public readonly FastTraitsValidator.PathSegment[] PathStack(int depth)
    {
        var owned = Owned;
        owned.PathDepthUsed = Math.Max(owned.PathDepthUsed, Math.Min(depth, owned.Path.Length));
        return owned.Path;
    }

    /// <summary>Clears every buffer and leaves them to the thread's next scope.</summary>
    public void Dispose()
    {
        if (_buffers is not { } buffers)
        {
            return;
        }

        _buffers = null;
        buffers.Clear();
        t_idle = buffers;
    }

    /// <summary>The reused buffers; only a scope touches them.</summary>
    private sealed class Buffers
    {
        private const int InitialJsonCapacity = 256;

        public ArrayBufferWriter<byte> Json = new(InitialJsonCapacity);
        public readonly List<ExtensionHit> Hits = new(4);
        public readonly ExtensionDeriver Deriver = new();
        public readonly FastTraitsValidator.PathSegment[] Path = new FastTraitsValidator.PathSegment[FastTraitsValidator.MaxDepth];
        public Utf8JsonWriter? Writer;
        public bool JsonUsed;
        public bool HitsUsed;
        public bool DeriverUsed;
        public int PathDepthUsed;

        public void Clear()
        {
            if (JsonUsed)
            {
                // A writer stopped by an exception holds bytes it has not handed to the buffer yet (BytesPending), written
                // just past the buffer's count: those are zeroed too. Nothing beyond them was written since the last clear.
                JsonUsed = false;
                var written = Json.WrittenCount + (Writer?.BytesPending ?? 0);
                Writer?.Reset();
                Json.ResetWrittenCount();
                Json.GetSpan()[..Math.Min(written, Json.FreeCapacity)].Clear();
                if (Json.Capacity > MaxKeptJsonCapacity)
                {
                    Json = new(InitialJsonCapacity);
                    Writer = null;
                }
            }

            if (HitsUsed)
            {
                HitsUsed = false;
                Hits.Clear();
            }

            if (DeriverUsed)
            {
                DeriverUsed = false;
                Deriver.Clear();
            }

            if (PathDepthUsed > 0)
            {
                Array.Clear(Path, 0, PathDepthUsed);
                PathDepthUsed = 0;
            }
        }
    }
}
