using NodaTime;

namespace Ory.Identity;

/// <summary>Traces and times every <see cref="IRecoveryLinkIssuer"/> operation (<see cref="OryIdentityOperation"/>).</summary>
internal sealed class InstrumentedRecoveryLinkIssuer(IRecoveryLinkIssuer inner) : IRecoveryLinkIssuer
{
    private static readonly OryIdentityOperation LinkCreate = new("recovery.link.create");
    private static readonly OryIdentityOperation CodeCreate = new("recovery.code.create");

    public Task<RecoveryLink> CreateRecoveryLinkAsync(Guid identityId, Duration? expiresIn = null, Uri? returnTo = null, CancellationToken cancellationToken = default) =>
        LinkCreate.RunAsync((inner, identityId, expiresIn, returnTo, cancellationToken), static s => s.inner.CreateRecoveryLinkAsync(s.identityId, s.expiresIn, s.returnTo, s.cancellationToken));

    public Task<RecoveryCode> CreateRecoveryCodeAsync(Guid identityId, Duration? expiresIn = null, CancellationToken cancellationToken = default) =>
        CodeCreate.RunAsync((inner, identityId, expiresIn, cancellationToken), static s => s.inner.CreateRecoveryCodeAsync(s.identityId, s.expiresIn, s.cancellationToken));

    public Task<RecoveryCode> CreateRecoveryCodeAsync(Guid identityId, Duration? expiresIn, SelfServiceFlowType flowType, CancellationToken cancellationToken = default) =>
        CodeCreate.RunAsync((inner, identityId, expiresIn, flowType, cancellationToken), static s => s.inner.CreateRecoveryCodeAsync(s.identityId, s.expiresIn, s.flowType, s.cancellationToken));
}
