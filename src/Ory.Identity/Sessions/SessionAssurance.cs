namespace Ory.Identity;

/// <summary>Kratos's assurance-level rules (session/session.go, <c>SetAuthenticatorAssuranceLevel</c>).</summary>
internal static class SessionAssurance
{
    /// <summary>
    /// The level a method gives: second factors (<c>totp</c>, <c>lookup_secret</c>, <c>webauthn</c>) aal2, everything
    /// else (<c>password</c>, <c>code_recovery</c>, <c>link_recovery</c>, <c>oidc</c>, …) aal1.
    /// </summary>
    public static AuthenticatorAssuranceLevel LevelOf(string method) => method switch
    {
        "totp" or "lookup_secret" or "webauthn" => AuthenticatorAssuranceLevel.Aal2,
        _ => AuthenticatorAssuranceLevel.Aal1,
    };

    /// <summary>
    /// The level a session's methods reach: none gives aal0; aal1 and aal2 entries together give aal2 (an <c>oidc</c> or
    /// <c>saml</c> entry at aal2 also counts as aal1); any other non-empty list gives aal1.
    /// </summary>
    public static AuthenticatorAssuranceLevel LevelOf(IReadOnlyList<SessionAuthenticationMethod> methods)
    {
        if (methods.Count == 0)
        {
            return AuthenticatorAssuranceLevel.Aal0;
        }

        bool aal1 = false, aal2 = false;
        foreach (var method in methods)
        {
            switch (method.Aal)
            {
                case AuthenticatorAssuranceLevel.Aal1:
                    aal1 = true;
                    break;
                case AuthenticatorAssuranceLevel.Aal2:
                    aal2 = true;
                    aal1 |= method.Method is "oidc" or "saml";
                    break;
            }
        }

        return aal1 && aal2 ? AuthenticatorAssuranceLevel.Aal2 : AuthenticatorAssuranceLevel.Aal1;
    }
}
