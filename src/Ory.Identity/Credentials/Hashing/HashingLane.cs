namespace Ory.Identity;

/// <summary>
/// One caller's place in the <see cref="HashingScheduler"/>'s queue: its waiting items run in order, and free slots
/// go to the waiting lanes in turn. A batch puts all its items in one lane, so it counts as one waiting caller and
/// gets one slot in turn with every other caller. Its state is guarded by the scheduler's lock.
/// </summary>
internal sealed class HashingLane
{
    /// <summary>Creates an empty lane.</summary>
    public HashingLane() => Node = new LinkedListNode<HashingLane>(this);

    /// <summary>The lane's node in the scheduler's list of waiting lanes (in that list while it has waiting items).</summary>
    internal LinkedListNode<HashingLane> Node { get; }

    /// <summary>The lane's waiting items, oldest first.</summary>
    internal LinkedList<HashingWorkItem> Items { get; } = new();
}
