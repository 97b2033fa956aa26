using NodaTime;

namespace Ory.Identity.Storage.InMemory;

/// <summary>
/// One address's window of the recovery message rate limit: how many messages it counted and when it ends. Immutable,
/// so windows are swapped by compare-and-exchange on their value.
/// </summary>
/// <param name="Count">Messages counted in the window, at least 1.</param>
/// <param name="ExpiresAt">When the window ends; at or after it, the next message starts a new window.</param>
internal readonly record struct MessageWindow(int Count, Instant ExpiresAt);
