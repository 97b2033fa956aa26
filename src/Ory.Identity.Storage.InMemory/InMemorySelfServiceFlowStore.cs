using System.Collections.Concurrent;
using NodaTime;

namespace Ory.Identity.Storage.InMemory;

/// <summary>
/// A thread-safe <see cref="ISelfServiceFlowStore"/> in process memory, for tests, samples and single-process hosts that
/// accept losing data on restart.
/// </summary>
/// <remarks>
/// Flows of both kinds live in one <see cref="ConcurrentDictionary{TKey,TValue}"/> by id. Records are immutable; an update
/// replaces a flow by compare-and-exchange against the state it was computed from and retries on a newer one, so no
/// concurrent update is lost. <see cref="DeleteByIdentityAsync"/> and <see cref="DeleteExpiredAsync"/> scan every flow.
/// Inserting a stored id is a programmer error (ids are never reused) and throws <see cref="InvalidOperationException"/>.
/// </remarks>
public sealed class InMemorySelfServiceFlowStore : ISelfServiceFlowStore
{
    private readonly ConcurrentDictionary<Guid, SelfServiceFlowRecord> _flows = new();

    /// <inheritdoc />
    /// <exception cref="InvalidOperationException">A flow with this id is already stored; nothing was written.</exception>
    public ValueTask InsertAsync(SelfServiceFlowRecord flow, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(flow);
        if (cancellationToken.IsCancellationRequested)
        {
            return ValueTask.FromCanceled(cancellationToken);
        }

        return _flows.TryAdd(flow.Id, flow)
            ? ValueTask.CompletedTask
            : ValueTask.FromException(new InvalidOperationException("A flow with this id is already stored; flow ids are never reused."));
    }

    /// <inheritdoc />
    public ValueTask<SelfServiceFlowRecord?> GetAsync(Guid flowId, SelfServiceFlowKind kind, CancellationToken cancellationToken = default)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return ValueTask.FromCanceled<SelfServiceFlowRecord?>(cancellationToken);
        }

        return new ValueTask<SelfServiceFlowRecord?>(_flows.TryGetValue(flowId, out var flow) && flow.Kind == kind ? flow : null);
    }

    /// <inheritdoc />
    /// <exception cref="InvalidOperationException">The update returned null or changed the id or kind; nothing was written.</exception>
    public ValueTask<SelfServiceFlowRecord?> UpdateAsync(
        Guid flowId,
        SelfServiceFlowKind kind,
        Func<SelfServiceFlowRecord, SelfServiceFlowRecord> update,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(update);
        try
        {
            return new ValueTask<SelfServiceFlowRecord?>(Update(flowId, kind, update, cancellationToken));
        }
#pragma warning disable CA1031 // Every failure belongs to the returned task, as with an async method.
        catch (Exception e)
#pragma warning restore CA1031
        {
            return ValueTask.FromException<SelfServiceFlowRecord?>(e);
        }
    }

    /// <inheritdoc />
    public ValueTask<int> DeleteByIdentityAsync(Guid identityId, CancellationToken cancellationToken = default)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return ValueTask.FromCanceled<int>(cancellationToken);
        }

        var deleted = 0;
        foreach (var pair in _flows)
        {
            // Updates keep a flow's id and kind but may set its identity (a login flow that succeeded): compare the state seen.
            if (pair.Value.IdentityId == identityId && _flows.TryRemove(pair))
            {
                deleted++;
            }
        }

        return new ValueTask<int>(deleted);
    }

    /// <inheritdoc />
    public ValueTask<int> DeleteExpiredAsync(Instant before, CancellationToken cancellationToken = default)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return ValueTask.FromCanceled<int>(cancellationToken);
        }

        var deleted = 0;
        foreach (var pair in _flows)
        {
            if (pair.Value.ExpiresAt <= before && _flows.TryRemove(pair))
            {
                deleted++;
            }
        }

        return new ValueTask<int>(deleted);
    }

    private SelfServiceFlowRecord? Update(
        Guid flowId, SelfServiceFlowKind kind, Func<SelfServiceFlowRecord, SelfServiceFlowRecord> update, CancellationToken cancellationToken)
    {
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!_flows.TryGetValue(flowId, out var current) || current.Kind != kind)
            {
                return null;
            }

            var updated = update(current) ?? throw new InvalidOperationException("The update returned null.");
            if (updated.Id != current.Id || updated.Kind != current.Kind)
            {
                throw new InvalidOperationException("The update changed the flow's id or kind; a flow keeps them.");
            }

            if (_flows.TryUpdate(flowId, updated, current))
            {
                return updated;
            }

            // A concurrent write or delete won: run the update again on the newer state, if any.
        }
    }
}
