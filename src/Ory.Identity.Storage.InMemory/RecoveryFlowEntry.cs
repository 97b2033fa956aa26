namespace Ory.Identity.Storage.InMemory;

/// <summary>
/// One stored recovery flow with its secrets. Writers lock the entry itself (a private object, so no allocation for a
/// lock per flow); readers read <see cref="Flow"/> and <see cref="Secrets"/> without it.
/// </summary>
/// <remarks>
/// Both values are immutable and replaced as a whole under the lock (the secrets array is copied on write; a flow holds
/// one or a few secrets), so a reader always sees a consistent snapshot.
/// </remarks>
internal sealed class RecoveryFlowEntry(RecoveryFlowRecord flow)
{
    private RecoveryFlowRecord _flow = flow;
    private RecoverySecret[] _secrets = [];

    /// <summary>The latest state of the flow; written only under the entry's lock.</summary>
    public RecoveryFlowRecord Flow
    {
        get => Volatile.Read(ref _flow);
        set => Volatile.Write(ref _flow, value);
    }

    /// <summary>The flow's secrets in insertion order; never mutated in place, replaced only under the entry's lock.</summary>
    public RecoverySecret[] Secrets
    {
        get => Volatile.Read(ref _secrets);
        set => Volatile.Write(ref _secrets, value);
    }

    /// <summary>Whether the flow was deleted; read and written only under the entry's lock. A removed entry takes no writes.</summary>
    public bool Removed { get; set; }
}
