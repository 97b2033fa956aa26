namespace Ory.Identity.AspNetCore;

/// <summary>Defaults of the Ory.Identity session authentication scheme.</summary>
public static class OrySessionDefaults
{
    /// <summary>The scheme name <c>AddOrySession()</c> registers by default: <c>"OrySession"</c>.</summary>
    public const string AuthenticationScheme = "OrySession";
}
