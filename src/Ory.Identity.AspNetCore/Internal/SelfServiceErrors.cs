using System.Collections.Concurrent;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace Ory.Identity.AspNetCore.Internal;

/// <summary>
/// Kratos's forwarded self-service errors (selfservice/errorx/manager.go): a browser (non-JSON) request to a browser
/// flow endpoint that fails is answered 303 to <c>selfservice.flows.error.ui_url?id=&lt;error id&gt;</c>, and the error
/// UI reads the error with <c>GET /self-service/errors?id=</c>. Kratos stores them in its database; here they are kept
/// in memory, bounded and for <see cref="Lifetime"/>, so the id works on the instance that made it until it is old.
/// </summary>
internal sealed class SelfServiceErrors(IServiceProvider services, SelfServiceFlowSettings flows)
{
    /// <summary>How long a forwarded error can be read.</summary>
    public static readonly Duration Lifetime = Duration.FromHours(1);

    private const int MaxEntries = 10_000;

    private readonly ConcurrentDictionary<Guid, StoredSelfServiceError> _errors = new();
    private readonly IClock _clock = services.GetService<IClock>() ?? SystemClock.Instance;

    /// <summary>Stores <paramref name="error"/> and answers 303 to the error UI with its id.</summary>
    public void Forward(HttpContext context, OryError error)
    {
        var now = _clock.GetCurrentInstant();
        if (_errors.Count >= MaxEntries)
        {
            foreach (var (id, stored) in _errors)
            {
                if (stored.CreatedAt + Lifetime <= now)
                {
                    _errors.TryRemove(id, out _);
                }
            }
        }

        var errorId = Guid.NewGuid();
        if (_errors.Count < MaxEntries)
        {
            _errors[errorId] = new StoredSelfServiceError(errorId, error, now);
        }

        context.Response.Clear();
        SelfServiceAnswers.SeeOther(context, SelfServiceAnswers.WithQuery(flows.ErrorUiUrl, "id", errorId.ToString()));
    }

    /// <summary>The stored error; null when unknown or older than <see cref="Lifetime"/>.</summary>
    public StoredSelfServiceError? Find(Guid id) =>
        _errors.TryGetValue(id, out var stored) && stored.CreatedAt + Lifetime > _clock.GetCurrentInstant() ? stored : null;
}
