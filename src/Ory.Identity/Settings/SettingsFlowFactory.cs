using NodaTime;
using Ory.Identity.Storage;

namespace Ory.Identity;

/// <summary>
/// Starts settings flows: for a signed-in session (<see cref="SelfServiceSettings"/>) and after a recovery (Kratos's
/// selfservice/strategy/code/strategy_recovery.go and link/strategy_recovery.go, which open one with message 1060001).
/// </summary>
internal sealed class SettingsFlowFactory(SelfServiceFlowSettings settings, IdentitySchemaRegistry schemas, ISelfServiceFlowStore store)
{
    /// <summary>A new stored settings flow of <paramref name="identityId"/>, in state <c>show_form</c>.</summary>
    public async Task<SelfServiceFlowRecord> StartAsync(
        Guid identityId,
        SelfServiceFlowType type,
        string? returnTo,
        Instant now,
        IReadOnlyList<UiText>? messages,
        CancellationToken cancellationToken)
    {
        var flow = new SelfServiceFlowRecord
        {
            Id = UuidV7.New(now),
            Kind = SelfServiceFlowKind.Settings,
            Type = type,
            State = "show_form",
            IssuedAt = now,
            ExpiresAt = now + settings.SettingsLifespan,
            RequestUrl = FlowRequestUrl.Build(settings.PublicBaseUrl, "settings", type, returnTo),
            IdentityId = identityId,
            Document = new SelfServiceFlowDocument { Messages = messages }.Write(),
        };
        await store.InsertAsync(flow, cancellationToken).ConfigureAwait(false);
        return flow;
    }

    /// <summary>
    /// The settings flow a recovery opens for <paramref name="identity"/>: same type as the recovery flow, its
    /// <c>return_to</c>, and message 1060001 naming the privileged window of the new session.
    /// </summary>
    public async Task<SettingsFlow> StartAfterRecoveryAsync(
        Identity identity, SelfServiceFlowType type, string? returnTo, Instant authenticatedAt, CancellationToken cancellationToken)
    {
        var message = SelfServiceTexts.RecoverySucceeded(settings.PrivilegedSessionMaxAge, authenticatedAt + settings.PrivilegedSessionMaxAge);
        var flow = await StartAsync(identity.Id, type, returnTo, authenticatedAt, [message], cancellationToken).ConfigureAwait(false);
        return SettingsFlowView.Create(flow, identity, schemas.Find(identity.SchemaId), settings.PublicBaseUrl);
    }
}
