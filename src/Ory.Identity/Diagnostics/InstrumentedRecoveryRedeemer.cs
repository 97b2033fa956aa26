namespace Ory.Identity;

/// <summary>Traces and times every <see cref="IRecoveryRedeemer"/> operation (<see cref="OryIdentityOperation"/>).</summary>
internal sealed class InstrumentedRecoveryRedeemer(IRecoveryRedeemer inner) : IRecoveryRedeemer
{
    private static readonly OryIdentityOperation LinkRedeem = new("recovery.link.redeem");
    private static readonly OryIdentityOperation CodeRedeem = new("recovery.code.redeem");

    public Task<RecoveryRedemption> RedeemLinkAsync(Guid flowId, string token, CancellationToken cancellationToken = default) =>
        LinkRedeem.RunAsync((inner, flowId, token, cancellationToken), static s => s.inner.RedeemLinkAsync(s.flowId, s.token, s.cancellationToken));

    public Task<RecoveryRedemption> RedeemCodeAsync(Guid flowId, string code, CancellationToken cancellationToken = default) =>
        CodeRedeem.RunAsync((inner, flowId, code, cancellationToken), static s => s.inner.RedeemCodeAsync(s.flowId, s.code, s.cancellationToken));
}
