using System.Text.Json;
using Ory.Identity.Storage;

namespace Ory.Identity;

/// <summary>
/// Builds the public <see cref="LoginFlow"/> from a stored flow (Kratos's selfservice/flow/login/flow.go and
/// strategy/password/login.go, unified style): <c>identifier</c>, <c>csrf_token</c>, <c>password</c>, submit.
/// </summary>
internal static class LoginFlowView
{
    /// <param name="flow">The stored flow.</param>
    /// <param name="publicBaseUrl">The public base URL.</param>
    /// <param name="identifierLabel">1070004 "ID", or 1070002 with the schema title of the only password identifier.</param>
    /// <param name="identifier">The identifier to show: the submitted one, or the session's on a refresh flow.</param>
    /// <param name="withPassword">False on a refresh flow whose identity has no password.</param>
    /// <param name="transientPayload">The payload to echo.</param>
    public static LoginFlow Create(
        SelfServiceFlowRecord flow,
        string publicBaseUrl,
        UiText identifierLabel,
        string? identifier = null,
        bool withPassword = true,
        JsonElement? transientPayload = null)
    {
        var document = SelfServiceFlowDocument.Read(flow.Document);
        var nodes = new List<UiNode>
        {
            new()
            {
                Group = "default",
                Attributes = new UiNodeInputAttributes
                {
                    Name = "identifier",
                    InputType = document.Refresh ? "hidden" : "text",
                    Value = identifier ?? string.Empty,
                    Required = true,
                },
                Messages = document.MessagesOf("identifier"),
                Meta = new UiNodeMeta { Label = identifierLabel },
            },
            SelfServiceNodes.CsrfToken,
        };
        if (withPassword)
        {
            nodes.Add(SelfServiceNodes.Password("current-password", document.MessagesOf("password")));
            nodes.Add(SelfServiceNodes.Submit("password", document.Refresh ? SelfServiceTexts.SignInLabel : SelfServiceTexts.SignInWithPasswordLabel));
        }

        return new LoginFlow
        {
            Id = flow.Id,
            Type = flow.Type,
            ExpiresAt = flow.ExpiresAt,
            IssuedAt = flow.IssuedAt,
            CreatedAt = flow.IssuedAt,
            UpdatedAt = document.UpdatedAt ?? flow.IssuedAt,
            RequestUrl = flow.RequestUrl,
            ReturnTo = FlowRequestUrl.ReturnToOf(flow.RequestUrl),
            Active = document.Active,
            Ui = SelfServiceNodes.Container(publicBaseUrl, "login", flow.Id, nodes, document.Messages),
            Refresh = document.Refresh,
            RequestedAal = AuthenticatorAssuranceLevel.Aal1,
            State = flow.State == "passed_challenge" ? LoginFlowState.PassedChallenge : LoginFlowState.ChooseMethod,
            TransientPayload = transientPayload,
        };
    }
}
