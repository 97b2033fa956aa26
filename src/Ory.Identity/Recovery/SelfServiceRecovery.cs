using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using NodaTime;
using Ory.Identity.Serialization;
using Ory.Identity.Storage;

namespace Ory.Identity;

/// <summary>The default <see cref="ISelfServiceRecovery"/> (Kratos's selfservice/flow/recovery): Kratos's v1 state machine for API and browser flows.</summary>
internal sealed class SelfServiceRecovery(
    IIdentityStore identities,
    IRecoveryStore recovery,
    IRecoveryRedeemer redeemer,
    RecoverySettings settings,
    RecoverySecretHasher hasher,
    RecoveryMessageRateLimiter rateLimiter,
    OryIdentityClock clock,
    ExpiredRecoveryCleanup cleanup,
    IServiceProvider services,
    ILogger<SelfServiceRecovery>? log = null) : ISelfServiceRecovery
{
    private readonly ILogger logger = (ILogger?)log ?? NullLogger.Instance;

    public async Task<RecoveryFlow> CreateFlowAsync(SelfServiceFlowType type = SelfServiceFlowType.Api, Uri? returnTo = null, CancellationToken cancellationToken = default)
    {
        EnsureEnabled();
        ReturnToPolicy.EnsureAllowed(returnTo, settings.AllowedReturnUrls);
        var now = clock.Now();
        var kind = type == SelfServiceFlowType.Api ? "api" : "browser";
        var flow = new RecoveryFlowRecord
        {
            Id = UuidV7.New(now),
            Type = type,
            Active = settings.Use,
            State = RecoveryFlowState.ChooseMethod,
            IssuedAt = now,
            ExpiresAt = now + settings.FlowLifespan,
            RequestUrl = $"{settings.PublicBaseUrl}/self-service/recovery/{kind}"
                         + (returnTo is null ? string.Empty : "?return_to=" + Uri.EscapeDataString(returnTo.ToString())),
            ReturnTo = returnTo?.ToString(),
        };
        cleanup.Trigger();
        await recovery.InsertFlowAsync(flow, cancellationToken).ConfigureAwait(false);
        Log.RecoveryFlowStarted(logger, flow.Id, kind, settings.Use == RecoveryMethod.Link ? "link" : "code");
        return RecoveryFlowView.Create(flow, settings.PublicBaseUrl);
    }

    public async Task<RecoveryFlow> GetFlowAsync(Guid flowId, CancellationToken cancellationToken = default)
    {
        EnsureEnabled();
        var flow = await recovery.GetLiveFlowAsync(flowId, clock.Now(), cancellationToken).ConfigureAwait(false);
        return RecoveryFlowView.Create(flow, settings.PublicBaseUrl);
    }

    public async Task<RecoveryFlow> SubmitAddressAsync(
        Guid flowId, string? email, RecoveryMethod? method = null, JsonElement? transientPayload = null, CancellationToken cancellationToken = default)
    {
        // As in Kratos, submissions are not gated by selfservice.flows.recovery.enabled: flows already started keep working.
        UnicodeTextCheck.EnsureValid(transientPayload, "/transient_payload");
        var now = clock.Now();
        var flow = await recovery.GetLiveFlowAsync(flowId, now, cancellationToken).ConfigureAwait(false);
        if (flow.State == RecoveryFlowState.PassedChallenge)
        {
            throw new RecoveryException(
                new OryError { Code = 400, Status = "Bad Request", Message = OryErrorTexts.BadRequest, Reason = RecoveryTexts.AlreadyCompleted.Text },
                RecoveryTexts.AlreadyCompleted);
        }

        var chosen = method ?? flow.Active;
        if ((chosen == RecoveryMethod.Link && !settings.LinkEnabled) || (chosen == RecoveryMethod.Code && !settings.CodeEnabled))
        {
            throw RecoveryDisabledException.Method();
        }

        var typed = email?.Trim() ?? string.Empty;
        if (typed.Length == 0 || !EmailAddressRules.IsLoose(typed))
        {
            var message = typed.Length == 0 ? RecoveryTexts.EmailMissing : RecoveryTexts.EmailInvalid;
            var invalidView = RecoveryFlowView.Create(flow with { Active = chosen }, settings.PublicBaseUrl, email, emailMessages: [message], transientPayload: transientPayload);
            throw new RecoveryFlowValidationException(invalidView, message);
        }

        var normalized = IdentifierNormalizer.NormalizeGraceful(typed);
        var owner = await identities.FindByAddressAsync(AddressKind.Recovery, AddressVia.Email, normalized, cancellationToken).ConfigureAwait(false);
        var address = owner?.RecoveryAddresses.FirstOrDefault(a => a.Via == AddressVia.Email && string.Equals(a.Value, normalized, StringComparison.Ordinal));
        var allowed = rateLimiter.TryAcquire(normalized);

        var message1 = owner is not null && address is not null
            ? await IssueAsync(flow, chosen, owner, address, now, cancellationToken).ConfigureAwait(false)
            : Unknown(flow, chosen, typed);

        if (message1 is not null)
        {
            if (allowed)
            {
                await Sender().SendAsync(message1, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                Log.RecoveryMessageRateLimited(logger, settings.RateLimitMessages);
            }
        }

        var sent = await recovery.UpdateFlowAsync(flowId, f => f with { State = RecoveryFlowState.SentEmail, Active = chosen }, cancellationToken).ConfigureAwait(false)
                   ?? throw new RecoveryFlowNotFoundException();
        return RecoveryFlowView.Create(
            sent,
            settings.PublicBaseUrl,
            email: typed,
            messages: [chosen == RecoveryMethod.Link ? RecoveryTexts.LinkSent : RecoveryTexts.CodeSent],
            transientPayload: transientPayload);
    }

    public Task<RecoveryRedemption> SubmitCodeAsync(Guid flowId, string code, CancellationToken cancellationToken = default) =>
        redeemer.RedeemCodeAsync(flowId, code, cancellationToken);

    private async Task<RecoveryMessage> IssueAsync(
        RecoveryFlowRecord flow, RecoveryMethod method, Identity owner, RecoveryAddress address, Instant now, CancellationToken cancellationToken)
    {
        var lifespan = method == RecoveryMethod.Link ? settings.LinkLifespan : settings.CodeLifespan;
        var secret = method == RecoveryMethod.Link ? RecoverySecrets.NewToken() : RecoverySecrets.NewCode();
        if (method == RecoveryMethod.Code)
        {
            // A code resend invalidates the earlier codes of the flow; earlier links stay valid, as in Kratos.
            await recovery.DeleteUnusedSecretsAsync(flow.Id, RecoveryMethod.Code, cancellationToken).ConfigureAwait(false);
        }

        await recovery.InsertSecretAsync(new RecoverySecret
        {
            Id = UuidV7.New(now),
            FlowId = flow.Id,
            IdentityId = owner.Id,
            Method = method,
            Origin = RecoverySecretOrigin.SelfService,
            Hash = hasher.Hash(secret),
            RecoveryAddressId = address.Id,
            CreatedAt = now,
            ExpiresAt = now + lifespan,
        }, cancellationToken).ConfigureAwait(false);

        return new RecoveryMessage
        {
            TemplateType = method == RecoveryMethod.Link ? RecoveryTemplateType.RecoveryValid : RecoveryTemplateType.RecoveryCodeValid,
            Recipient = address.Value,
            RecoveryUrl = method == RecoveryMethod.Link ? $"{settings.LinkBaseUrl}/self-service/recovery?flow={flow.Id}&token={secret}" : null,
            RecoveryCode = method == RecoveryMethod.Code ? secret : null,
            ExpiresInMinutes = (int)lifespan.TotalMinutes,
            IdentityId = owner.Id,
            FlowId = flow.Id,
            RequestUrl = flow.RequestUrl,
        };
    }

    // Nothing is stored for an unknown address. The same hashing work is done so the answer takes about as long, and a
    // "not registered" message goes to the typed address only when notify_unknown_recipients is on.
    private RecoveryMessage? Unknown(RecoveryFlowRecord flow, RecoveryMethod method, string typed)
    {
        _ = hasher.Hash(method == RecoveryMethod.Link ? RecoverySecrets.NewToken() : RecoverySecrets.NewCode());
        if (!settings.NotifyUnknownRecipients)
        {
            return null;
        }

        return new RecoveryMessage
        {
            TemplateType = method == RecoveryMethod.Link ? RecoveryTemplateType.RecoveryInvalid : RecoveryTemplateType.RecoveryCodeInvalid,
            Recipient = typed,
            FlowId = flow.Id,
            RequestUrl = flow.RequestUrl,
        };
    }

    private void EnsureEnabled()
    {
        if (!settings.FlowsEnabled)
        {
            throw RecoveryDisabledException.Flows();
        }
    }

    private IRecoveryMessageSender Sender() =>
        (IRecoveryMessageSender?)services.GetService(typeof(IRecoveryMessageSender))
        ?? throw new InvalidOperationException("No IRecoveryMessageSender is registered: register one (or UseInMemoryRecoveryOutbox()) to send recovery messages.");
}
