using Microsoft.AspNetCore.Authentication;

namespace Ory.Identity.AspNetCore;

/// <summary>Options of the session authentication scheme (<c>AddOrySession()</c>).</summary>
public sealed class OrySessionAuthenticationOptions : AuthenticationSchemeOptions
{
    /// <summary>The realm named in the <c>WWW-Authenticate</c> challenge. Default <c>"ory"</c>.</summary>
    public string Realm { get; set; } = "ory";

    /// <inheritdoc />
    public override void Validate()
    {
        base.Validate();
        if (Realm.Contains('"', StringComparison.Ordinal) || Realm.Contains('\\', StringComparison.Ordinal))
        {
            throw new ArgumentException($"{nameof(Realm)} must not contain quotes or backslashes.", nameof(Realm));
        }
    }
}
