namespace Ory.Identity;

/// <summary>The method names Kratos records in a session's <c>authentication_methods</c>.</summary>
public static class SessionAuthenticationMethods
{
    /// <summary>A password login.</summary>
    public const string Password = "password";

    /// <summary>A redeemed recovery code.</summary>
    public const string CodeRecovery = "code_recovery";

    /// <summary>A redeemed recovery link.</summary>
    public const string LinkRecovery = "link_recovery";
}
