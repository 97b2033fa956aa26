using Microsoft.Extensions.Configuration;

namespace Ory.Identity;

/// <summary><c>serve.public</c> or <c>serve.admin</c>.</summary>
public sealed class ServeEndpointOptions
{
    /// <summary>
    /// <c>base_url</c>: the absolute http(s) URL the endpoint is reached at. The public one builds <c>schema_url</c> and
    /// recovery links; the admin one builds the <c>Location</c> of created identities.
    /// </summary>
    [ConfigurationKeyName("base_url")]
    public string BaseUrl { get; set; } = string.Empty;
}
