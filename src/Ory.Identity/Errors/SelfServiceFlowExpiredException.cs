using NodaTime;
using Ory.Identity.Storage;

namespace Ory.Identity;

/// <summary>
/// A 410 <c>self_service_flow_expired</c>: the settings or login flow expired (Kratos's selfservice/flow/error.go and the
/// flows' handler.go). Reading an expired flow gives Kratos's "The settings flow has expired. …" texts; submitting to
/// one starts a new flow (<see cref="UseFlowId"/>) that carries <see cref="UiMessage"/> (4050001 or 4010001).
/// </summary>
public sealed class SelfServiceFlowExpiredException : OryIdentityException
{
    private SelfServiceFlowExpiredException(
        OryError error, SelfServiceFlowKind kind, Instant expiredAt, Duration expiredFor, Guid? useFlowId, UiText? uiMessage)
        : base(error, error.Reason ?? error.Message)
    {
        Kind = kind;
        ExpiredAt = expiredAt;
        ExpiredFor = expiredFor;
        UseFlowId = useFlowId;
        UiMessage = uiMessage;
    }

    /// <summary>The kind of flow that expired.</summary>
    public SelfServiceFlowKind Kind { get; }

    /// <summary>When the flow expired (Kratos's <c>expired_at</c>).</summary>
    public Instant ExpiredAt { get; }

    /// <summary>How long ago, by the library's clock (Kratos's <c>since</c>, in nanoseconds on the wire).</summary>
    public Duration ExpiredFor { get; }

    /// <summary>The new flow started in its place (Kratos's <c>use_flow_id</c>); null when the flow was only read.</summary>
    public Guid? UseFlowId { get; }

    /// <summary>The message the new flow carries (4050001 or 4010001); null when the flow was only read.</summary>
    public UiText? UiMessage { get; }

    /// <summary>The answer to reading an expired flow: Kratos's reason and details for its type.</summary>
    internal static SelfServiceFlowExpiredException OnRead(
        SelfServiceFlowKind kind, SelfServiceFlowType type, Instant expiredAt, Instant now, string publicBaseUrl, string? returnTo)
    {
        var name = SelfServiceTexts.NameOf(kind);
        var init = $"{publicBaseUrl}/self-service/{name}/{(type == SelfServiceFlowType.Api ? "api" : "browser")}";
        var details = new Dictionary<string, string>(StringComparer.Ordinal);
        string reason;
        if (type == SelfServiceFlowType.Api)
        {
            reason = $"The {name} flow has expired. Call the {name} flow init API endpoint to initialize a new {name} flow.";
            details["api"] = init;
        }
        else
        {
            reason = $"The {name} flow has expired. Redirect the user to the {name} flow init endpoint to initialize a new {name} flow.";
            details["redirect_to"] = returnTo is null ? init : init + "?return_to=" + Uri.EscapeDataString(returnTo);
            details["return_to"] = returnTo ?? string.Empty;
        }

        var error = CreateError(410, SelfServiceTexts.Gone, reason, "self_service_flow_expired") with
        {
            Details = SelfServiceTexts.Object(details),
        };
        return new SelfServiceFlowExpiredException(error, kind, expiredAt, now - expiredAt, null, null);
    }

    /// <summary>The answer to submitting to an expired flow: Kratos's flow.NewFlowExpiredError, pointing to the new flow.</summary>
    internal static SelfServiceFlowExpiredException OnSubmit(
        SelfServiceFlowKind kind, Instant expiredAt, Instant now, Guid newFlowId, UiText message)
    {
        var reason = SelfServiceTexts.Minutes("The self-service flow expired ", now - expiredAt, " minutes ago, initialize a new one.");
        var error = CreateError(410, "self-service flow expired", reason, "self_service_flow_expired");
        return new SelfServiceFlowExpiredException(error, kind, expiredAt, now - expiredAt, newFlowId, message);
    }
}
