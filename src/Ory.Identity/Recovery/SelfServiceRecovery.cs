using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using NodaTime;
using Ory.Identity.Serialization;
using Ory.Identity.Storage;

namespace Ory.Identity;

/// <summary>
/// The default <see cref="ISelfServiceRecovery"/>: Kratos's v1 state machine for API and browser flows
/// (selfservice/flow/recovery, selfservice/strategy/link and code).
/// </summary>
internal sealed class SelfServiceRecovery(
    IIdentityStore identities,
    IRecoveryStore recovery,
    IRecoveryRedeemer redeemer,
    RecoverySettings settings,
    SecretHasher hasher,
    RecoveryMessageRateLimiter rateLimiter,
    CourierTemplates templates,
    OryIdentityClock clock,
    ExpiredRecoveryCleanup cleanup,
    IServiceProvider services,
    ILogger<SelfServiceRecovery>? log = null) : ISelfServiceRecovery
{
    private readonly ILogger logger = (ILogger?)log ?? NullLogger.Instance;

    public async Task<RecoveryFlow> CreateFlowAsync(SelfServiceFlowType type = SelfServiceFlowType.Api, Uri? returnTo = null, CancellationToken cancellationToken = default)
    {
        EnsureEnabled();
        ReturnToPolicy.EnsureAllowed(returnTo, settings.FlowReturnUrls);
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

        // An unknown address takes the same path as a known one: the same store calls in the same order, a secret
        // generated and hashed, a message composed and handed on; only the effects differ (see IdentifierMatch).
        var normalized = IdentifierNormalizer.NormalizeGraceful(typed);
        var owner = await identities.FindByAddressAsync(AddressKind.Recovery, AddressVia.Email, normalized, cancellationToken).ConfigureAwait(false);
        var match = IdentifierMatch.Of(
            owner,
            owner?.RecoveryAddresses.FirstOrDefault(a => a.Via == AddressVia.Email && string.Equals(a.Value, normalized, StringComparison.Ordinal)),
            typed);
        var allowed = await rateLimiter.TryAcquireAsync(normalized, cancellationToken).ConfigureAwait(false);
        var composed = await IssueAsync(flow, chosen, match, now, cancellationToken).ConfigureAwait(false);
        if (allowed)
        {
            await DeliverAsync(match, composed, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            Log.RecoveryMessageRateLimited(logger, settings.RateLimitMessages);
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

    // Kratos stores nothing for an unknown address, so its secret is not inserted. In its place the store runs the
    // conditional write that redeems a secret, for the new secret's hash in the flow's secrets (the index the insert
    // writes): on the SQL stores a write statement like the insert, which matches no row and so changes nothing (the
    // flow's unused codes were just deleted, and a fresh token's hash matches no other).
    private async Task<RecoveryMessage> IssueAsync(RecoveryFlowRecord flow, RecoveryMethod method, IdentifierMatch match, Instant now, CancellationToken cancellationToken)
    {
        var lifespan = method == RecoveryMethod.Link ? settings.LinkLifespan : settings.CodeLifespan;
        var secret = method == RecoveryMethod.Link ? RecoverySecrets.NewToken() : RecoverySecrets.NewCode();
        if (method == RecoveryMethod.Code)
        {
            // A code resend invalidates the earlier codes of the flow, whatever address it names, so a known and an
            // unknown address make the same call; earlier links stay valid, as in Kratos.
            await recovery.DeleteUnusedSecretsAsync(flow.Id, RecoveryMethod.Code, cancellationToken).ConfigureAwait(false);
        }

        var record = new RecoverySecret
        {
            Id = UuidV7.New(now),
            FlowId = flow.Id,
            IdentityId = match.IdentityId,
            Method = method,
            Origin = RecoverySecretOrigin.SelfService,
            Hash = hasher.Hash(secret),
            RecoveryAddressId = match.AddressId,
            CreatedAt = now,
            ExpiresAt = now + lifespan,
        };
        if (match.Known)
        {
            await recovery.InsertSecretAsync(record, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            _ = await recovery.ConsumeSecretAsync(record.FlowId, record.Method, [record.Hash], now, cancellationToken).ConfigureAwait(false);
        }

        return templates.Render(new RecoveryMessage
        {
            TemplateType = method == RecoveryMethod.Link ? RecoveryTemplateType.RecoveryValid : RecoveryTemplateType.RecoveryCodeValid,
            Recipient = match.Address,
            RecoveryUrl = method == RecoveryMethod.Link ? $"{settings.LinkBaseUrl}/self-service/recovery?flow={flow.Id}&token={secret}" : null,
            RecoveryCode = method == RecoveryMethod.Code ? secret : null,
            ExpiresInMinutes = (int)lifespan.TotalMinutes,
            IdentityId = match.IdentityId,
            FlowId = flow.Id,
            RequestUrl = flow.RequestUrl,
        }, match.Identity);
    }

    // A known address gets the link or code. For an unknown one, the subject and body a sender would render for it are
    // rendered and dropped (nobody may be mailed a secret), and Kratos's "Account access attempted" goes to the typed
    // address when notify_unknown_recipients is on.
    private async Task DeliverAsync(IdentifierMatch match, RecoveryMessage valid, CancellationToken cancellationToken)
    {
        if (match.Known)
        {
            await SendAsync(valid, cancellationToken).ConfigureAwait(false);
            return;
        }

        _ = valid.Subject.Length + valid.Body.Length;
        if (settings.NotifyUnknownRecipients)
        {
            var invalid = templates.Render(new RecoveryMessage
            {
                TemplateType = valid.TemplateType == RecoveryTemplateType.RecoveryValid ? RecoveryTemplateType.RecoveryInvalid : RecoveryTemplateType.RecoveryCodeInvalid,
                Recipient = valid.Recipient,
                FlowId = valid.FlowId,
                RequestUrl = valid.RequestUrl,
            }, null);
            await SendAsync(invalid, cancellationToken).ConfigureAwait(false);
        }
    }

    // A sender that refuses the message (a full or stopped mail queue) must not turn the answer into an error: only
    // known addresses are sent to, so an error would tell the caller that the address exists. It is logged instead.
    private async Task SendAsync(RecoveryMessage message, CancellationToken cancellationToken)
    {
        var sender = Sender();
        try
        {
            await sender.SendAsync(message, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            Log.RecoveryMessageRefused(logger, message.Id, message.FlowId, e.GetType().Name);
        }
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
        ?? throw new InvalidOperationException(RecoveryMessageSenderCheck.MissingSender);
}
