namespace Ory.Identity;

/// <summary>
/// What kind of identities a schema describes (<c>identity.schemas[].kind</c>, our extension of kratos.yml; the schema
/// JSON itself stays Kratos-valid).
/// </summary>
public enum IdentitySchemaKind
{
    /// <summary>People (the default, and all Kratos knows): passwords, addresses, recovery and verification as the schema says.</summary>
    Person = 0,

    /// <summary>
    /// Machines (service accounts): no passwords or other sign-in credentials, no addresses, no recovery or verification;
    /// they authenticate with API keys (<see cref="IApiKeyManager"/>).
    /// </summary>
    Machine = 1,
}
