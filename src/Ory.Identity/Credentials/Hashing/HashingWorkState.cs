namespace Ory.Identity;

/// <summary>Where a <see cref="HashingWorkItem"/> is in the <see cref="HashingScheduler"/>.</summary>
internal enum HashingWorkState
{
    /// <summary>Created, not yet queued or started.</summary>
    Created,

    /// <summary>Waiting in its lane for a slot.</summary>
    Waiting,

    /// <summary>Handed to the thread pool; it will run to the end.</summary>
    Running,

    /// <summary>Its token fired before it ran; its task is canceled.</summary>
    Canceled,

    /// <summary>Refused: the queue was full.</summary>
    Refused,
}
