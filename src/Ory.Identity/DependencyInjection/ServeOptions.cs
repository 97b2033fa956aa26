using Microsoft.Extensions.Configuration;

namespace Ory.Identity;

/// <summary>The <c>serve</c> section of <c>kratos.yml</c>.</summary>
public sealed class ServeOptions
{
    /// <summary><c>serve.public</c>.</summary>
    [ConfigurationKeyName("public")]
    public ServeEndpointOptions Public { get; set; } = new() { BaseUrl = "http://127.0.0.1:4433/" };

    /// <summary><c>serve.admin</c>.</summary>
    [ConfigurationKeyName("admin")]
    public ServeEndpointOptions Admin { get; set; } = new() { BaseUrl = "http://127.0.0.1:4434/" };
}
