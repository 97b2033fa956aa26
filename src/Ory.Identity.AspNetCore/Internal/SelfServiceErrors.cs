using System.Collections.Concurrent;
using Microsoft.AspNetCore.Http;
using NodaTime;

namespace Ory.Identity.AspNetCore.Internal;

/// <summary>
/// Kratos's forwarded self-service errors (selfservice/errorx/manager.go): a browser (non-JSON) request to a browser
/// flow endpoint that fails is answered 303 to <c>selfservice.flows.error.ui_url?id=&lt;error id&gt;</c>, and the error
/// UI reads the error with <c>GET /self-service/errors?id=</c>. Kratos stores them in its database; here they are kept
/// in memory, bounded and for <see cref="Lifetime"/>, so the id works on the instance that made it until it is old.
/// </summary>
internal sealed class SelfServiceErrors(OryIdentityClock clock, SelfServiceFlowSettings flows)
{
    /// <summary>How long a forwarded error can be read.</summary>
    public static readonly Duration Lifetime = Duration.FromHours(1);

    /// <summary>The most errors kept.</summary>
    internal const int MaxEntries = 10_000;

    /// <summary>How many errors a full store drops at once, so a flood scans the store once per this many forwards.</summary>
    internal const int EvictedAtOnce = MaxEntries / 10;

    private readonly ConcurrentDictionary<Guid, StoredSelfServiceError> _errors = new();

    /// <summary>Stores <paramref name="error"/> and answers 303 to the error UI with its id.</summary>
    public void Forward(HttpContext context, OryError error)
    {
        var now = clock.Now();
        if (_errors.Count >= MaxEntries)
        {
            MakeRoom(now);
        }

        var errorId = Guid.NewGuid();
        _errors[errorId] = new StoredSelfServiceError(errorId, error, now);

        context.Response.Clear();
        SelfServiceAnswers.SeeOther(context, SelfServiceAnswers.WithQuery(flows.ErrorUiUrl, "id", errorId.ToString()));
    }

    /// <summary>The stored error; null when unknown or older than <see cref="Lifetime"/>.</summary>
    public StoredSelfServiceError? Find(Guid id) =>
        _errors.TryGetValue(id, out var stored) && stored.CreatedAt + Lifetime > clock.Now() ? stored : null;

    /// <summary>How many errors are kept now.</summary>
    internal int Count => _errors.Count;

    // Drops the expired errors and then, if the store is still nearly full, the oldest, down to EvictedAtOnce below the
    // limit: a flood of failing requests must not keep the next person's error from being stored, and each forward of
    // the flood must not scan every entry.
    private void MakeRoom(Instant now)
    {
        foreach (var (id, stored) in _errors)
        {
            if (stored.CreatedAt + Lifetime <= now)
            {
                _errors.TryRemove(id, out _);
            }
        }

        var excess = _errors.Count - (MaxEntries - EvictedAtOnce);
        if (excess <= 0)
        {
            return;
        }

        foreach (var (id, _) in _errors.OrderBy(e => e.Value.CreatedAt).Take(excess))
        {
            _errors.TryRemove(id, out _);
        }
    }
}
