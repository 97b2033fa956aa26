using Microsoft.Extensions.Configuration;

namespace Ory.Identity;

/// <summary>The <c>identity</c> section of <c>kratos.yml</c> (named apart from ASP.NET Core Identity's <c>IdentityOptions</c>, so both can be in scope).</summary>
public sealed class IdentitySectionOptions
{
    /// <summary><c>identity.default_schema_id</c>: the schema of identities created without one. Default <c>"default"</c>.</summary>
    [ConfigurationKeyName("default_schema_id")]
    public string DefaultSchemaId { get; set; } = "default";

    /// <summary><c>identity.schemas</c>: at least one schema.</summary>
    [ConfigurationKeyName("schemas")]
    public IList<IdentitySchemaOptions> Schemas { get; set; } = [];
}
