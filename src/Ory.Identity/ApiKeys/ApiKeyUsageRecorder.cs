using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using NodaTime;
using Ory.Identity.Storage;

namespace Ory.Identity;

/// <summary>
/// Coalesces <c>last_used_at</c>: a successful authentication notes the time in memory (at most once a second per key),
/// and at most once per <c>api_keys.last_used_at_interval</c> the noted times are written to the store, one update per
/// identity, in the background. Keys verified under an older secret get their new hash written the same way. Pending
/// times are also written when the host shuts down (on dispose); a crash loses at most one interval of them.
/// </summary>
internal sealed class ApiKeyUsageRecorder : IAsyncDisposable, IDisposable
{
    private static readonly Duration Resolution = Duration.FromSeconds(1);

    private readonly ConcurrentDictionary<(Guid IdentityId, string KeyId), Usage> _pending = new();
    private readonly IIdentityStore _store;
    private readonly OryIdentityClock _clock;
    private readonly Duration _interval;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _flushing = new(1, 1);
    private long _nextFlushTicks = long.MinValue;
    private int _disposed;

    public ApiKeyUsageRecorder(IIdentityStore store, OryIdentityClock clock, ApiKeySettings settings, ILogger<ApiKeyUsageRecorder>? log = null)
    {
        _store = store;
        _clock = clock;
        _interval = settings.LastUsedAtInterval;
        _logger = (ILogger?)log ?? NullLogger.Instance;
    }

    /// <summary>Notes a use of a key; <paramref name="newHash"/> when it verified under an older secret.</summary>
    public void Record(Guid identityId, string keyId, Instant now, string? newHash = null)
    {
        var key = (identityId, keyId);
        if (_pending.TryGetValue(key, out var noted) && now - noted.LastUsedAt < Resolution && newHash is null)
        {
            return;
        }

        _pending[key] = new Usage(now, newHash ?? noted.NewHash);
        TriggerFlush(now);
    }

    /// <summary>The noted (not yet written) last use of a key, if any.</summary>
    public Instant? PendingLastUse(Guid identityId, string keyId) =>
        _pending.TryGetValue((identityId, keyId), out var usage) ? usage.LastUsedAt : null;

    /// <summary>Writes every noted use to the store now.</summary>
    public async Task FlushAsync(CancellationToken cancellationToken = default)
    {
        await _flushing.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            foreach (var group in _pending.ToArray().GroupBy(p => p.Key.IdentityId))
            {
                await FlushAsync(group.Key, [.. group], cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            _flushing.Release();
        }
    }

    // Hosts that dispose their container synchronously still get the pending uses written.
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        try
        {
            await FlushAsync().ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            Log.ApiKeyUsageWriteFailed(_logger, e.GetType().Name);
        }

        _flushing.Dispose();
    }

    private void TriggerFlush(Instant now)
    {
        var next = Interlocked.Read(ref _nextFlushTicks);
        if (now.ToUnixTimeTicks() < next
            || Interlocked.CompareExchange(ref _nextFlushTicks, (now + _interval).ToUnixTimeTicks(), next) != next)
        {
            return;
        }

        // The first use after start only arms the timer: uses are written one interval later, together.
        if (next == long.MinValue)
        {
            return;
        }

        _ = Task.Run(async () =>
        {
            try
            {
                await FlushAsync().ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                Log.ApiKeyUsageWriteFailed(_logger, e.GetType().Name);
            }
        });
    }

    private async Task FlushAsync(Guid identityId, KeyValuePair<(Guid IdentityId, string KeyId), Usage>[] uses, CancellationToken cancellationToken)
    {
        try
        {
            var now = _clock.Now();
            await _store.UpdateAsync(identityId, identity => Apply(identity, uses, now), cancellationToken).ConfigureAwait(false);
        }
        catch (IdentityNotFoundException)
        {
            // Deleted meanwhile: nothing to write.
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            Log.ApiKeyUsageWriteFailed(_logger, e.GetType().Name);
            return;
        }

        foreach (var use in uses)
        {
            _pending.TryRemove(use); // only if not noted again meanwhile
        }
    }

    private static Identity Apply(Identity identity, KeyValuePair<(Guid IdentityId, string KeyId), Usage>[] uses, Instant now)
    {
        var records = ApiKeyCredential.RecordsOf(identity);
        var changed = false;
        var updated = new ApiKeyRecord[records.Count];
        for (var i = 0; i < records.Count; i++)
        {
            var record = records[i];
            foreach (var (key, usage) in uses)
            {
                if (key.KeyId == record.Id)
                {
                    record = record with
                    {
                        LastUsedAt = ApiKeyRecord.Later(record.LastUsedAt, usage.LastUsedAt),
                        Hash = usage.NewHash ?? record.Hash,
                    };
                }
            }

            changed |= record != records[i];
            updated[i] = record;
        }

        return changed ? ApiKeyCredential.With(identity, updated, now, touchesCredential: false) : identity;
    }

    private readonly record struct Usage(Instant LastUsedAt, string? NewHash);
}
