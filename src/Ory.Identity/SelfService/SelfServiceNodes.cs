namespace Ory.Identity;

/// <summary>Nodes every settings and login form has (Kratos's ui/node).</summary>
internal static class SelfServiceNodes
{
    /// <summary>
    /// The <c>csrf_token</c> node (group <c>default</c>, hidden, required) with an empty value: an HTTP host fills in the
    /// masked token of its request; API flows never check it.
    /// </summary>
    public static UiNode CsrfToken { get; } = new()
    {
        Group = "default",
        Attributes = new UiNodeInputAttributes { Name = "csrf_token", InputType = "hidden", Value = string.Empty, Required = true },
    };

    /// <summary>A submit button <c>method</c>=<paramref name="method"/> in the method's group.</summary>
    public static UiNode Submit(string method, UiText label) => new()
    {
        Group = method,
        Attributes = new UiNodeInputAttributes { Name = "method", InputType = "submit", Value = method },
        Meta = new UiNodeMeta { Label = label },
    };

    /// <summary>The <c>password</c> input (group <c>password</c>, required, label 1070001).</summary>
    public static UiNode Password(string autocomplete, IReadOnlyList<UiText> messages) => new()
    {
        Group = "password",
        Attributes = new UiNodeInputAttributes { Name = "password", InputType = "password", Required = true, Autocomplete = autocomplete },
        Messages = messages,
        Meta = new UiNodeMeta { Label = SelfServiceTexts.PasswordLabel },
    };

    /// <summary>The form: <c>&lt;public&gt;/self-service/&lt;flow&gt;?flow=&lt;id&gt;</c>, POST.</summary>
    public static UiContainer Container(string publicBaseUrl, string flowName, Guid flowId, List<UiNode> nodes, IReadOnlyList<UiText>? messages) => new()
    {
        Action = $"{publicBaseUrl}/self-service/{flowName}?flow={flowId}",
        Method = "POST",
        Nodes = nodes,
        Messages = messages is { Count: > 0 } ? messages : null,
    };
}
