using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using NodaTime;
using Ory.Identity.Storage;

namespace Ory.Identity;

/// <summary>
/// The default <see cref="IInvitationSender"/> (our extension; ory/kratos#595): checks everything first, then counts the
/// message against the address's rate limit, issues the link as <c>POST /admin/recovery/link</c> does
/// (<see cref="RecoveryLinkIssuer"/>) and hands exactly one <see cref="RecoveryTemplateType.Invite"/> message to
/// <see cref="IRecoveryMessageSender"/>. A refusal stores and sends nothing; when the sender throws, the link's token is
/// deleted before the error goes on, so no usable link is left that nobody received.
/// </summary>
internal sealed class InvitationSender(
    IIdentityStore identities,
    IRecoveryStore recovery,
    RecoveryLinkIssuer issuer,
    RecoverySettings settings,
    RecoveryMessageRateLimiter rateLimiter,
    CourierTemplates templates,
    IServiceProvider services,
    ILogger<InvitationSender>? log = null) : IInvitationSender
{
    private readonly ILogger logger = (ILogger?)log ?? NullLogger.Instance;

    public async Task<Invitation> SendInvitationAsync(Guid identityId, Duration? expiresIn = null, Uri? returnTo = null, CancellationToken cancellationToken = default)
    {
        using var activity = OryIdentityDiagnostics.ActivitySource.StartActivity("ory.identity.invitation.send");
        activity?.SetTag("ory.identity.id", identityId);
        if (!settings.FlowsEnabled)
        {
            throw RecoveryDisabledException.Flows();
        }

        var lifespan = issuer.CheckLinkRequest(expiresIn, returnTo);
        var identity = await identities.GetAsync(identityId, cancellationToken).ConfigureAwait(false) ?? throw new IdentityNotFoundException();
        issuer.RefuseMachine(identity);

        // The first email address of recovery_addresses, in the order the admin API lists them.
        var address = identity.RecoveryAddresses.FirstOrDefault(a => a.Via == AddressVia.Email) ?? throw InvitationRefusedException.NoRecoveryAddress();
        var sender = (IRecoveryMessageSender?)services.GetService(typeof(IRecoveryMessageSender))
                     ?? throw new InvalidOperationException(RecoveryMessageSenderCheck.MissingSender);
        if (!await rateLimiter.TryAcquireAsync(address.Value, cancellationToken).ConfigureAwait(false))
        {
            Log.RecoveryMessageRateLimited(logger, settings.RateLimitMessages);
            throw new RecoveryRateLimitedException(settings.RateLimitMessages, GoDuration.Format(settings.RateLimitWindow));
        }

        var requestUrl = issuer.RequestUrl("/admin/invitations", returnTo);
        var link = await issuer.IssueLinkAsync(identity, lifespan, returnTo, requestUrl, cancellationToken).ConfigureAwait(false);
        var message = templates.Render(new RecoveryMessage
        {
            TemplateType = RecoveryTemplateType.Invite,
            Recipient = address.Value,
            RecoveryUrl = link.Link,
            ExpiresInMinutes = (int)lifespan.TotalMinutes,
            IdentityId = identity.Id,
            FlowId = link.FlowId,
            RequestUrl = requestUrl,
        }, identity);

        try
        {
            await sender.SendAsync(message, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            // Nobody got the link, so it must not work: its token goes, whatever the caller's token says.
            await recovery.DeleteUnusedSecretsAsync(link.FlowId, RecoveryMethod.Link, CancellationToken.None).ConfigureAwait(false);
            Log.InvitationNotSent(logger, link.FlowId, message.Id, e.GetType().Name);
            throw;
        }

        Log.InvitationSent(logger, identity.Id, link.FlowId, message.Id);
        activity?.SetTag("ory.identity.recovery.flow_id", link.FlowId);
        return new Invitation { IdentityId = identity.Id, RecoveryLink = link.Link, ExpiresAt = link.ExpiresAt, MessageId = message.Id };
    }
}
