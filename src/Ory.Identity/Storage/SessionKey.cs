using NodaTime;

namespace Ory.Identity.Storage;

/// <summary>A position in the admin session list: the creation time and id of the last session of a page.</summary>
/// <param name="CreatedAt">The session's <see cref="SessionRecord.CreatedAt"/>.</param>
/// <param name="Id">The session's id.</param>
public readonly record struct SessionKey(Instant CreatedAt, Guid Id);
