using System.Security.Claims;

namespace Ory.Identity.AspNetCore;

/// <summary>The claims of a principal authenticated with an API key.</summary>
public static class OryApiKeyClaimTypes
{
    /// <summary>The machine identity's id (also the principal's name, and <see cref="ClaimTypes.NameIdentifier"/>).</summary>
    public const string IdentityId = "ory_identity_id";

    /// <summary>The machine identity's schema id.</summary>
    public const string SchemaId = "ory_schema_id";

    /// <summary>The id of the API key that authenticated (never the key itself).</summary>
    public const string ApiKeyId = "ory_api_key_id";

    /// <summary>The name the API key was issued with.</summary>
    public const string ApiKeyName = "ory_api_key_name";
}
