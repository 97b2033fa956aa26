using System.Text.Json;
using Ory.Identity.Storage;

namespace Ory.Identity;

/// <summary>Builds the public <see cref="RecoveryFlow"/> (with Kratos's form nodes and messages) from a stored flow.</summary>
internal static class RecoveryFlowView
{
    private static readonly UiText EmailLabel = RecoveryTexts.Info(1070007, "Email");
    private static readonly UiText ContinueLabel = RecoveryTexts.Info(1070009, "Continue");
    private static readonly UiText ResendLabel = RecoveryTexts.Info(1070008, "Resend code");
    private static readonly UiText CodeLabel = RecoveryTexts.Info(1070010, "Recovery code");

    public static RecoveryFlow Create(
        RecoveryFlowRecord flow,
        string publicBaseUrl,
        string? email = null,
        IReadOnlyList<UiText>? messages = null,
        IReadOnlyList<UiText>? emailMessages = null,
        JsonElement? transientPayload = null)
    {
        var group = flow.Active == RecoveryMethod.Link ? "link" : "code";
        var codeEntry = flow.Active == RecoveryMethod.Code && flow.State != RecoveryFlowState.ChooseMethod;
        var nodes = new List<UiNode>
        {
            new()
            {
                Group = "default",
                Attributes = new UiNodeInputAttributes { Name = "csrf_token", InputType = "hidden", Value = string.Empty, Required = true },
            },
        };

        if (codeEntry)
        {
            nodes.Add(new UiNode
            {
                Group = group,
                Attributes = new UiNodeInputAttributes
                {
                    Name = "code", InputType = "text", Required = true, Pattern = "[0-9]+", MaxLength = 6, Autocomplete = "one-time-code",
                },
                Meta = new UiNodeMeta { Label = CodeLabel },
            });
            nodes.Add(new UiNode { Group = group, Attributes = new UiNodeInputAttributes { Name = "method", InputType = "hidden", Value = group } });
            nodes.Add(new UiNode
            {
                Group = group,
                Attributes = new UiNodeInputAttributes { Name = "method", InputType = "submit", Value = group },
                Meta = new UiNodeMeta { Label = ContinueLabel },
            });
            nodes.Add(new UiNode
            {
                Group = group,
                Attributes = new UiNodeInputAttributes { Name = "email", InputType = "submit", Value = email ?? string.Empty },
                Meta = new UiNodeMeta { Label = ResendLabel },
            });
        }
        else
        {
            nodes.Add(new UiNode
            {
                Group = group,
                Attributes = new UiNodeInputAttributes { Name = "email", InputType = "email", Value = email, Required = true, Autocomplete = "email" },
                Messages = emailMessages ?? [],
                Meta = new UiNodeMeta { Label = EmailLabel },
            });
            nodes.Add(new UiNode
            {
                Group = group,
                Attributes = new UiNodeInputAttributes { Name = "method", InputType = "submit", Value = group },
                Meta = new UiNodeMeta { Label = ContinueLabel },
            });
        }

        return new RecoveryFlow
        {
            Id = flow.Id,
            Type = flow.Type,
            ExpiresAt = flow.ExpiresAt,
            IssuedAt = flow.IssuedAt,
            RequestUrl = flow.RequestUrl,
            ReturnTo = flow.ReturnTo,
            Active = flow.Active,
            State = flow.State,
            TransientPayload = transientPayload,
            Ui = new UiContainer
            {
                Action = $"{publicBaseUrl}/self-service/recovery?flow={flow.Id}",
                Method = "POST",
                Nodes = nodes,
                Messages = messages is { Count: > 0 } ? messages : null,
            },
        };
    }
}
