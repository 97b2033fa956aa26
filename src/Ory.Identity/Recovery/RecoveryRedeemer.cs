using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using NodaTime;
using Ory.Identity.Storage;

namespace Ory.Identity;

/// <summary>
/// The default <see cref="IRecoveryRedeemer"/> (Kratos's selfservice/strategy/link/strategy_recovery.go and code/strategy_recovery.go). Differs from Kratos where Kratos is weak: an inactive
/// identity's secret is refused without being consumed, and a self-service secret verifies its address only when the
/// redemption succeeds, in the same atomic update that checks the identity is still active. A redemption issues a
/// session (<c>code_recovery</c> or <c>link_recovery</c> at aal1), admin-issued and self-service secrets alike.
/// </summary>
internal sealed class RecoveryRedeemer(
    IIdentityStore identities,
    IRecoveryStore recovery,
    RecoverySettings settings,
    SecretHasher hasher,
    ISessionManager sessions,
    OryIdentityClock clock,
    SettingsFlowFactory settingsFlows,
    ILogger<RecoveryRedeemer>? log = null) : IRecoveryRedeemer
{
    private readonly ILogger _logger = (ILogger?)log ?? NullLogger.Instance;

    public async Task<RecoveryRedemption> RedeemLinkAsync(Guid flowId, string token, CancellationToken cancellationToken = default)
    {
        var now = clock.Now();
        var flow = await recovery.GetLiveFlowAsync(flowId, now, cancellationToken).ConfigureAwait(false);
        try
        {
            if (!RecoverySecrets.IsWellFormedToken(token))
            {
                throw RecoveryTokenInvalidException.Link();
            }

            var hashes = hasher.Candidates(token);
            var secret = await recovery.FindSecretAsync(flowId, RecoveryMethod.Link, hashes, cancellationToken).ConfigureAwait(false);
            if (secret is null || secret.UsedAt is not null)
            {
                throw RecoveryTokenInvalidException.Link();
            }

            if (now >= secret.ExpiresAt)
            {
                throw new RecoveryFlowExpiredException(secret.ExpiresAt, now);
            }

            return await RedeemAsync(flow, secret, hashes, RecoveryTokenInvalidException.Link, now, cancellationToken).ConfigureAwait(false);
        }
        catch (RecoveryException e) when (Refused(flowId, e))
        {
            throw;
        }
    }

    public async Task<RecoveryRedemption> RedeemCodeAsync(Guid flowId, string code, CancellationToken cancellationToken = default)
    {
        var now = clock.Now();
        var flow = await recovery.GetLiveFlowAsync(flowId, now, cancellationToken).ConfigureAwait(false);
        try
        {
            // Every submission counts, right or wrong, before anything else is checked.
            var submissions = await recovery.IncrementSubmitCountAsync(flowId, cancellationToken).ConfigureAwait(false)
                              ?? throw new RecoveryFlowNotFoundException();
            if (submissions > settings.MaxSubmissions)
            {
                throw new RecoverySubmissionsExceededException();
            }

            if (!RecoverySecrets.IsWellFormedCode(code))
            {
                throw RecoveryTokenInvalidException.Code();
            }

            var hashes = hasher.Candidates(code);
            var secret = await recovery.FindSecretAsync(flowId, RecoveryMethod.Code, hashes, cancellationToken).ConfigureAwait(false);
            if (secret is null || secret.UsedAt is not null || now >= secret.ExpiresAt)
            {
                throw RecoveryTokenInvalidException.Code();
            }

            return await RedeemAsync(flow, secret, hashes, RecoveryTokenInvalidException.Code, now, cancellationToken).ConfigureAwait(false);
        }
        catch (RecoveryException e) when (Refused(flowId, e))
        {
            throw;
        }
    }

    private async Task<RecoveryRedemption> RedeemAsync(
        RecoveryFlowRecord flow,
        RecoverySecret secret,
        IReadOnlyCollection<string> hashes,
        Func<RecoveryTokenInvalidException> invalid,
        Instant now,
        CancellationToken cancellationToken)
    {
        var identity = await identities.GetAsync(secret.IdentityId, cancellationToken).ConfigureAwait(false) ?? throw invalid();
        if (identity.State != IdentityState.Active)
        {
            throw new IdentityDisabledException();
        }

        var consumed = await recovery.ConsumeSecretAsync(flow.Id, secret.Method, hashes, now, cancellationToken).ConfigureAwait(false)
                       ?? throw invalid();

        var verified = false;
        if (consumed.Origin == RecoverySecretOrigin.SelfService && consumed.RecoveryAddressId is { } addressId)
        {
            verified = await VerifyAddressAsync(identity.Id, addressId, now, invalid, cancellationToken).ConfigureAwait(false);
        }

        var passed = await recovery.UpdateFlowAsync(
                         flow.Id,
                         f => f with { State = RecoveryFlowState.PassedChallenge, RecoveredIdentityId = identity.Id },
                         cancellationToken).ConfigureAwait(false)
                     ?? throw new RecoveryFlowNotFoundException();

        Log.RecoveryRedeemed(_logger, identity.Id, flow.Id, consumed.Method == RecoveryMethod.Link ? "link" : "code");
        var method = consumed.Method == RecoveryMethod.Link ? SessionAuthenticationMethods.LinkRecovery : SessionAuthenticationMethods.CodeRecovery;
        var session = await sessions.IssueAsync(identity.Id, method, device: null, cancellationToken).ConfigureAwait(false);

        // Kratos opens a settings flow unless the recovery was started with skip_settings=true.
        var settingsFlow = FlowRequestUrl.QueryValue(passed.RequestUrl, "skip_settings") == "true"
            ? null
            : await settingsFlows.StartAfterRecoveryAsync(identity, passed.Type, passed.ReturnTo, session.Session.AuthenticatedAt, cancellationToken).ConfigureAwait(false);
        return new RecoveryRedemption(identity.Id, consumed.Method, RecoveryFlowView.Create(passed, settings.PublicBaseUrl), verified)
        {
            Session = session,
            SettingsFlow = settingsFlow,
        };
    }

    // Marks the verifiable addresses equal to the recovery address the secret was sent to as verified, in one atomic
    // update that also re-checks the identity is active (Kratos verifies even when activation then fails).
    private async Task<bool> VerifyAddressAsync(
        Guid identityId, Guid recoveryAddressId, Instant now, Func<RecoveryTokenInvalidException> invalid, CancellationToken cancellationToken)
    {
        var changed = false;
        try
        {
            await identities.UpdateAsync(identityId, current =>
            {
                if (current.State != IdentityState.Active)
                {
                    throw new IdentityDisabledException();
                }

                var address = current.RecoveryAddresses.FirstOrDefault(a => a.Id == recoveryAddressId);
                if (address is null)
                {
                    changed = false;
                    return current;
                }

                var verifiable = current.VerifiableAddresses.Select(v =>
                    string.Equals(v.Value, address.Value, StringComparison.Ordinal) && !v.Verified
                        ? v with { Verified = true, VerifiedAt = now, Status = VerifiableAddressStatus.Completed, UpdatedAt = now }
                        : v).ToArray();
                changed = !verifiable.SequenceEqual(current.VerifiableAddresses);
                return changed ? current with { VerifiableAddresses = verifiable, UpdatedAt = now } : current;
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (IdentityNotFoundException)
        {
            throw invalid();
        }

        return changed;
    }

    private bool Refused(Guid flowId, RecoveryException e)
    {
        Log.RecoveryRefused(_logger, flowId, e.Message);
        return false;
    }
}
