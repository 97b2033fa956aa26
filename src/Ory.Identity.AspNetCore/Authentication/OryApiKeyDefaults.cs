namespace Ory.Identity.AspNetCore;

/// <summary>Defaults of the Ory.Identity API key authentication scheme.</summary>
public static class OryApiKeyDefaults
{
    /// <summary>The scheme name <c>AddOryApiKey()</c> registers by default: <c>"OryApiKey"</c>.</summary>
    public const string AuthenticationScheme = "OryApiKey";
}
