namespace Ory.Identity.Fuzz.Tests.Http;

/// <summary>Which of the QuickStart's listeners a request goes to.</summary>
public enum FuzzApi
{
    /// <summary>The admin API's port (4434 in the QuickStart).</summary>
    Admin,

    /// <summary>The public API's port (4433 in the QuickStart).</summary>
    Public,
}
