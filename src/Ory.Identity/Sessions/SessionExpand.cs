namespace Ory.Identity;

/// <summary>What to load with a session (Kratos's <c>expand</c> query).</summary>
[Flags]
public enum SessionExpand
{
    /// <summary>The session only: <see cref="Session.Identity"/> null, <see cref="Session.Devices"/> empty.</summary>
    None = 0,

    /// <summary>The identity (admin view).</summary>
    Identity = 1,

    /// <summary>The devices.</summary>
    Devices = 2,

    /// <summary>Both.</summary>
    All = Identity | Devices,
}
