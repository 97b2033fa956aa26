using NodaTime;

namespace Ory.Identity.AspNetCore.Internal;

/// <summary>A forwarded self-service error (Kratos's <c>flowError</c>): its id, the error and when it happened.</summary>
/// <param name="Id">The id the error UI receives.</param>
/// <param name="Error">Kratos's error object.</param>
/// <param name="CreatedAt">When it was stored.</param>
internal sealed record StoredSelfServiceError(Guid Id, OryError Error, Instant CreatedAt);
