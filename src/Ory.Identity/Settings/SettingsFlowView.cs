using System.Text.Json;
using Ory.Identity.Storage;

namespace Ory.Identity;

/// <summary>
/// Builds the public <see cref="SettingsFlow"/> from a stored flow (Kratos's selfservice/flow/settings/flow.go with the
/// profile and password strategies' nodes): <c>csrf_token</c>, one node per trait and the <c>profile</c> submit, then
/// <c>password</c> and the <c>password</c> submit.
/// </summary>
internal static class SettingsFlowView
{
    public static SettingsFlow Create(
        SelfServiceFlowRecord flow,
        Identity identity,
        IdentitySchema? schema,
        string publicBaseUrl,
        JsonElement? submittedTraits = null,
        JsonElement? transientPayload = null,
        IReadOnlyList<ContinueWith>? continueWith = null)
    {
        var document = SelfServiceFlowDocument.Read(flow.Document);
        var nodes = new List<UiNode> { SelfServiceNodes.CsrfToken };
        if (schema is not null)
        {
            nodes.AddRange(TraitNodes.Create(schema, submittedTraits ?? identity.Traits, "profile", document.MessagesOf));
        }

        nodes.Add(SelfServiceNodes.Submit("profile", SelfServiceTexts.SaveLabel));
        nodes.Add(SelfServiceNodes.Password("new-password", document.MessagesOf("password")));
        nodes.Add(SelfServiceNodes.Submit("password", SelfServiceTexts.SaveLabel));

        return new SettingsFlow
        {
            Id = flow.Id,
            Type = flow.Type,
            ExpiresAt = flow.ExpiresAt,
            IssuedAt = flow.IssuedAt,
            RequestUrl = flow.RequestUrl,
            ReturnTo = FlowRequestUrl.ReturnToOf(flow.RequestUrl),
            Active = document.Active,
            Ui = SelfServiceNodes.Container(publicBaseUrl, "settings", flow.Id, nodes, document.Messages),
            Identity = identity.ToPublicView(),
            State = flow.State == "success" ? SettingsFlowState.Success : SettingsFlowState.ShowForm,
            ContinueWith = continueWith is { Count: > 0 } ? continueWith : null,
            TransientPayload = transientPayload,
        };
    }
}
