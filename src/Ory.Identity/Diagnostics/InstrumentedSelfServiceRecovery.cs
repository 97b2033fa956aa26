using System.Text.Json;

namespace Ory.Identity;

/// <summary>Traces and times every <see cref="ISelfServiceRecovery"/> operation (<see cref="OryIdentityOperation"/>).</summary>
internal sealed class InstrumentedSelfServiceRecovery(ISelfServiceRecovery inner) : ISelfServiceRecovery
{
    private static readonly OryIdentityOperation Create = new("recovery.flow.create");
    private static readonly OryIdentityOperation Get = new("recovery.flow.get");
    private static readonly OryIdentityOperation SubmitAddress = new("recovery.flow.submit_address");
    private static readonly OryIdentityOperation SubmitCode = new("recovery.flow.submit_code");

    public Task<RecoveryFlow> CreateFlowAsync(SelfServiceFlowType type = SelfServiceFlowType.Api, Uri? returnTo = null, CancellationToken cancellationToken = default) =>
        Create.RunAsync((inner, type, returnTo, cancellationToken), static s => s.inner.CreateFlowAsync(s.type, s.returnTo, s.cancellationToken));

    public Task<RecoveryFlow> GetFlowAsync(Guid flowId, CancellationToken cancellationToken = default) =>
        Get.RunAsync((inner, flowId, cancellationToken), static s => s.inner.GetFlowAsync(s.flowId, s.cancellationToken));

    public Task<RecoveryFlow> SubmitAddressAsync(Guid flowId, string? email, RecoveryMethod? method = null, JsonElement? transientPayload = null, CancellationToken cancellationToken = default) =>
        SubmitAddress.RunAsync((inner, flowId, email, method, transientPayload, cancellationToken), static s => s.inner.SubmitAddressAsync(s.flowId, s.email, s.method, s.transientPayload, s.cancellationToken));

    public Task<RecoveryRedemption> SubmitCodeAsync(Guid flowId, string code, CancellationToken cancellationToken = default) =>
        SubmitCode.RunAsync((inner, flowId, code, cancellationToken), static s => s.inner.SubmitCodeAsync(s.flowId, s.code, s.cancellationToken));
}
