namespace Ory.Identity.QuickStart.SelfServiceUi;

/// <summary>A self-service flow the pages render: its name in the public API's paths and its page heading.</summary>
/// <param name="Name">The path segment: <c>recovery</c>, <c>settings</c> or <c>login</c>.</param>
/// <param name="Heading">The page's title and heading.</param>
/// <param name="InitParameters">The query parameters passed on to <c>/self-service/{Name}/browser</c>.</param>
internal sealed record FlowKind(string Name, string Heading, IReadOnlyList<string> InitParameters)
{
    /// <summary>Recovery (Kratos's selfservice/flow/recovery).</summary>
    public static readonly FlowKind Recovery = new("recovery", "Recover your account", ["return_to"]);

    /// <summary>Settings (Kratos's selfservice/flow/settings).</summary>
    public static readonly FlowKind Settings = new("settings", "Account settings", ["return_to"]);

    /// <summary>Login (Kratos's selfservice/flow/login).</summary>
    public static readonly FlowKind Login = new("login", "Sign in", ["return_to", "refresh", "aal"]);
}
