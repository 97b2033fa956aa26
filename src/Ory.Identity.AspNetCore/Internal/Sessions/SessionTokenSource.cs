namespace Ory.Identity.AspNetCore.Internal;

/// <summary>Where a request's session token came from.</summary>
internal enum SessionTokenSource
{
    /// <summary>The <c>X-Session-Token</c> header.</summary>
    Header,

    /// <summary>The session cookie.</summary>
    Cookie,

    /// <summary><c>Authorization: Bearer …</c>.</summary>
    Bearer,
}
