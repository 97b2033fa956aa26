using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using NodaTime;
using Ory.Identity.Storage;

namespace Ory.Identity;

/// <summary>The default <see cref="IRecoveryLinkIssuer"/> (Kratos's admin recovery endpoints, selfservice/strategy/link/strategy_recovery.go and code/strategy_recovery_admin.go).</summary>
internal sealed class RecoveryLinkIssuer(
    IIdentityStore identities,
    IdentitySchemaRegistry schemas,
    IRecoveryStore recovery,
    RecoverySettings settings,
    SecretHasher hasher,
    OryIdentityClock clock,
    ExpiredRecoveryCleanup cleanup,
    ILogger<RecoveryLinkIssuer>? log = null) : IRecoveryLinkIssuer
{
    private readonly ILogger _logger = (ILogger?)log ?? NullLogger.Instance;

    public async Task<RecoveryLink> CreateRecoveryLinkAsync(Guid identityId, Duration? expiresIn = null, Uri? returnTo = null, CancellationToken cancellationToken = default)
    {
        var lifespan = CheckLinkRequest(expiresIn, returnTo);
        var identity = await identities.GetAsync(identityId, cancellationToken).ConfigureAwait(false)
                       ?? throw new InvalidRequestException(RecoveryTexts.IdentityMissingForLink);
        RefuseMachine(identity);
        return await IssueLinkAsync(identity, lifespan, returnTo, RequestUrl("/admin/recovery/link", returnTo), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Checks a link request before anything is read or stored: the link method is enabled, the lifespan positive and
    /// <paramref name="returnTo"/> allowed. Returns the lifespan.
    /// </summary>
    internal Duration CheckLinkRequest(Duration? expiresIn, Uri? returnTo)
    {
        if (!settings.LinkEnabled)
        {
            throw RecoveryDisabledException.Method();
        }

        var lifespan = expiresIn ?? settings.LinkLifespan;
        if (lifespan <= Duration.Zero)
        {
            throw new InvalidRequestException($"Value from \"expires_in\" must be result to a future time: {GoDuration.Format(lifespan)}");
        }

        ReturnToPolicy.EnsureAllowed(returnTo, settings.AllowedReturnUrls);
        return lifespan;
    }

    /// <summary>The flow's <c>request_url</c>: the admin endpoint <paramref name="path"/> with its <c>return_to</c>.</summary>
    internal string RequestUrl(string path, Uri? returnTo) =>
        settings.AdminBaseUrl + path + (returnTo is null ? string.Empty : "?return_to=" + Uri.EscapeDataString(returnTo.ToString()));

    /// <summary>Stores a link flow and its hashed token for <paramref name="identity"/>, checked by <see cref="CheckLinkRequest"/>.</summary>
    internal async Task<RecoveryLink> IssueLinkAsync(Identity identity, Duration lifespan, Uri? returnTo, string requestUrl, CancellationToken cancellationToken)
    {
        var flow = NewFlow(identity.Id, SelfServiceFlowType.Browser, RecoveryMethod.Link, RecoveryFlowState.ChooseMethod, clock.Now(), lifespan, requestUrl, returnTo);
        var token = RecoverySecrets.NewToken();
        await StoreAsync(flow, token, cancellationToken).ConfigureAwait(false);

        Log.RecoveryIssued(_logger, "link", identity.Id, flow.Id);
        return new RecoveryLink
        {
            Link = $"{settings.LinkBaseUrl}/self-service/recovery?flow={flow.Id}&token={token}",
            ExpiresAt = flow.ExpiresAt,
            FlowId = flow.Id,
        };
    }

    public Task<RecoveryCode> CreateRecoveryCodeAsync(Guid identityId, Duration? expiresIn = null, CancellationToken cancellationToken = default) =>
        CreateRecoveryCodeAsync(identityId, expiresIn, SelfServiceFlowType.Browser, cancellationToken);

    public async Task<RecoveryCode> CreateRecoveryCodeAsync(Guid identityId, Duration? expiresIn, SelfServiceFlowType flowType, CancellationToken cancellationToken = default)
    {
        if (!settings.CodeEnabled)
        {
            throw RecoveryDisabledException.Method();
        }

        // Kratos checks expires_in before looking the identity up.
        var lifespan = expiresIn ?? settings.CodeLifespan;
        if (lifespan <= Duration.Zero)
        {
            throw new InvalidRequestException($"Value from \"expires_in\" must result to a future time: {GoDuration.Format(lifespan)}");
        }

        var identity = await identities.GetAsync(identityId, cancellationToken).ConfigureAwait(false)
                       ?? throw IdentityNotFoundException.ForRecoveryCode();
        RefuseMachine(identity);

        var now = clock.Now();
        var flow = NewFlow(identity.Id, flowType, RecoveryMethod.Code, RecoveryFlowState.SentEmail, now, lifespan, $"{settings.AdminBaseUrl}/admin/recovery/code", null);
        var code = RecoverySecrets.NewCode();
        await StoreAsync(flow, code, cancellationToken).ConfigureAwait(false);

        Log.RecoveryIssued(_logger, "code", identity.Id, flow.Id);
        var separator = settings.UiUrl.Contains('?', StringComparison.Ordinal) ? '&' : '?';
        return new RecoveryCode
        {
            Link = $"{settings.UiUrl}{separator}flow={flow.Id}",
            Code = code,
            ExpiresAt = flow.ExpiresAt,
            FlowId = flow.Id,
        };
    }

    private static RecoveryFlowRecord NewFlow(
        Guid identityId, SelfServiceFlowType type, RecoveryMethod method, RecoveryFlowState state, Instant now, Duration lifespan, string requestUrl, Uri? returnTo) => new()
    {
        Id = UuidV7.New(now),
        Type = type,
        Active = method,
        State = state,
        IssuedAt = now,
        ExpiresAt = now + lifespan,
        RequestUrl = requestUrl,
        ReturnTo = returnTo?.ToString(),
        IdentityId = identityId,
    };

    private async Task StoreAsync(RecoveryFlowRecord flow, string secret, CancellationToken cancellationToken)
    {
        cleanup.Trigger();
        await recovery.InsertFlowAsync(flow, cancellationToken).ConfigureAwait(false);
        await recovery.InsertSecretAsync(new RecoverySecret
        {
            Id = UuidV7.New(flow.IssuedAt),
            FlowId = flow.Id,
            IdentityId = flow.IdentityId!.Value,
            Method = flow.Active,
            Origin = RecoverySecretOrigin.Admin,
            Hash = hasher.Hash(secret),
            CreatedAt = flow.IssuedAt,
            ExpiresAt = flow.ExpiresAt,
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Refuses machine identities: they authenticate with API keys; there is nothing to recover.</summary>
    internal void RefuseMachine(Identity identity)
    {
        if (schemas.Find(identity.SchemaId)?.Kind == IdentitySchemaKind.Machine)
        {
            throw MachineIdentityException.RecoveryNotAllowed();
        }
    }
}
