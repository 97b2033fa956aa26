using Microsoft.Extensions.Configuration;

namespace Ory.Identity;

/// <summary>
/// Ory.Identity's configuration. Keys mirror <c>kratos.yml</c> (<c>identity.default_schema_id</c>,
/// <c>identity.schemas[].id/url</c>, <c>serve.public.base_url</c>, …), so a Kratos configuration converted to JSON binds
/// unchanged. Defaults are Kratos's.
/// </summary>
public sealed class OryIdentityOptions
{
    /// <summary>The configuration section name used by convention (<c>"Ory"</c>).</summary>
    public const string SectionName = "Ory";

    /// <summary><c>identity</c>: the identity schemas.</summary>
    [ConfigurationKeyName("identity")]
    public IdentitySectionOptions Identity { get; set; } = new();

    /// <summary><c>serve</c>: the public and admin base URLs.</summary>
    [ConfigurationKeyName("serve")]
    public ServeOptions Serve { get; set; } = new();

    /// <summary><c>selfservice</c>: recovery methods and flows.</summary>
    [ConfigurationKeyName("selfservice")]
    public SelfServiceOptions SelfService { get; set; } = new();

    /// <summary><c>secrets</c>: keys for hashing recovery tokens and codes.</summary>
    [ConfigurationKeyName("secrets")]
    public SecretsOptions Secrets { get; set; } = new();

    /// <summary><c>hashers</c>: the algorithm and cost of new password hashes.</summary>
    [ConfigurationKeyName("hashers")]
    public HashersOptions Hashers { get; set; } = new();

    /// <summary><c>session</c>: session lifespan, extension and cookie.</summary>
    [ConfigurationKeyName("session")]
    public SessionOptions Session { get; set; } = new();

    /// <summary><c>cookies</c>: attributes every cookie falls back to.</summary>
    [ConfigurationKeyName("cookies")]
    public CookiesOptions Cookies { get; set; } = new();

    /// <summary><c>feature_flags</c>: switches between older and newer Kratos behaviour.</summary>
    [ConfigurationKeyName("feature_flags")]
    public FeatureFlagsOptions FeatureFlags { get; set; } = new();

    /// <summary>
    /// <c>dev</c>: Kratos's insecure development mode (its <c>--dev</c> flag). Default false. When true, cookies whose
    /// <c>secure</c> is unset are sent without the <c>Secure</c> flag, so they work over plain http.
    /// </summary>
    [ConfigurationKeyName("dev")]
    public bool Dev { get; set; }

    /// <summary><c>courier</c>: the templates of recovery messages and invitations.</summary>
    [ConfigurationKeyName("courier")]
    public CourierOptions Courier { get; set; } = new();

    /// <summary><c>api_keys</c> (our extension): limits of machine identities' API keys.</summary>
    [ConfigurationKeyName("api_keys")]
    public ApiKeyOptions ApiKeys { get; set; } = new();

    /// <summary>
    /// The folder relative <c>file://</c> paths resolve against: the host's content root (set by
    /// <see cref="ContentRootFiles"/>), or the working directory when null.
    /// </summary>
    internal string? FileRoot { get; set; }
}
