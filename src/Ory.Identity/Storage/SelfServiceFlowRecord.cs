using NodaTime;

namespace Ory.Identity.Storage;

/// <summary>
/// A login or settings flow as stored. The columns every flow has are typed; what differs by kind (its UI messages,
/// the method in use, <c>refresh</c>, …) is <see cref="Document"/>, a JSON object the flow's owner reads and writes.
/// Holds no password, token or trait.
/// </summary>
public sealed record SelfServiceFlowRecord
{
    /// <summary>The flow id.</summary>
    public required Guid Id { get; init; }

    /// <summary>Login or settings.</summary>
    public required SelfServiceFlowKind Kind { get; init; }

    /// <summary>Browser or API.</summary>
    public required SelfServiceFlowType Type { get; init; }

    /// <summary>The flow's state as Kratos names it (<c>choose_method</c>, <c>show_form</c>, <c>success</c>, …).</summary>
    public required string State { get; init; }

    /// <summary>When the flow was created.</summary>
    public required Instant IssuedAt { get; init; }

    /// <summary>When the flow expires.</summary>
    public required Instant ExpiresAt { get; init; }

    /// <summary>The URL the flow was started from (carries <c>return_to</c>).</summary>
    public required string RequestUrl { get; init; }

    /// <summary>The identity the flow belongs to (settings flows); null when none.</summary>
    public Guid? IdentityId { get; init; }

    /// <summary>Kind-specific data, a JSON object; <c>{}</c> when none.</summary>
    public string Document { get; init; } = "{}";

    /// <inheritdoc />
    public override string ToString() => $"SelfServiceFlowRecord {{ Id = {Id}, Kind = {Kind}, Type = {Type}, State = {State} }}";
}
