using Microsoft.AspNetCore.Authentication;

namespace Ory.Identity.AspNetCore;

/// <summary>Options of the API key authentication scheme (<c>AddOryApiKey()</c>).</summary>
public sealed class OryApiKeyAuthenticationOptions : AuthenticationSchemeOptions
{
    /// <summary>
    /// Also read the key from this header (e.g. <c>"X-API-Key"</c>), holding the bare key. Null (default): only
    /// <c>Authorization: Bearer ory_ak_…</c> is read.
    /// </summary>
    public string? HeaderName { get; set; }

    /// <summary>The realm named in the <c>WWW-Authenticate</c> challenge. Default <c>"ory"</c>.</summary>
    public string Realm { get; set; } = "ory";

    /// <inheritdoc />
    public override void Validate()
    {
        base.Validate();
        if (HeaderName is not null && (HeaderName.Length == 0 || HeaderName.Any(c => c <= ' ' || c >= 127 || c == ':')))
        {
            throw new ArgumentException($"{nameof(HeaderName)} must be a valid HTTP header name.", nameof(HeaderName));
        }

        if (Realm.Contains('"', StringComparison.Ordinal) || Realm.Contains('\\', StringComparison.Ordinal))
        {
            throw new ArgumentException($"{nameof(Realm)} must not contain quotes or backslashes.", nameof(Realm));
        }
    }
}
