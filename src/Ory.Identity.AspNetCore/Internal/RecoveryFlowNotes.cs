using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace Ory.Identity.AspNetCore.Internal;

/// <summary>
/// Messages the HTTP layer attaches to browser flows it answers with a redirect, so the UI reading the flow sees what
/// Kratos stores on it: 4060004 "The recovery token is invalid…" on a flow started after a failed redemption, 1060003
/// "An email containing a recovery code has been sent…" after an address, 4060006 after a wrong code. The core cannot
/// store a message on a flow yet, so the endpoints keep the latest one here, bounded and until the flow expires, and
/// add it when the flow is read (until the flow is completed).
/// </summary>
internal sealed class RecoveryFlowNotes(IServiceProvider services)
{
    private const int MaxEntries = 10_000;

    private readonly ConcurrentDictionary<Guid, (UiText Message, Instant ExpiresAt)> _notes = new();
    private readonly IClock _clock = services.GetService<IClock>() ?? SystemClock.Instance;

    public void Add(RecoveryFlow flow, UiText message)
    {
        if (_notes.Count >= MaxEntries)
        {
            var now = _clock.GetCurrentInstant();
            foreach (var (id, note) in _notes)
            {
                if (note.ExpiresAt <= now)
                {
                    _notes.TryRemove(id, out _);
                }
            }

            if (_notes.Count >= MaxEntries)
            {
                return;
            }
        }

        _notes[flow.Id] = (message, flow.ExpiresAt);
    }

    public RecoveryFlow Apply(RecoveryFlow flow)
    {
        if (!_notes.TryGetValue(flow.Id, out var note) || flow.State == RecoveryFlowState.PassedChallenge)
        {
            return flow;
        }

        return WithMessage(flow, note.Message);
    }

    public static RecoveryFlow WithMessage(RecoveryFlow flow, UiText message) =>
        flow with { Ui = flow.Ui with { Messages = [.. flow.Ui.Messages ?? [], message] } };
}
