using Microsoft.Extensions.Configuration;

namespace Ory.Identity;

/// <summary><c>selfservice.methods.code.config</c>.</summary>
public sealed class CodeMethodConfig
{
    /// <summary><c>lifespan</c>: how long a code lives unless the issuer says otherwise (Go duration). Default <c>1h</c>.</summary>
    [ConfigurationKeyName("lifespan")]
    public string Lifespan { get; set; } = "1h";

    /// <summary><c>max_submissions</c>: how many codes may be submitted to one flow, 1 to 255. Default 5.</summary>
    [ConfigurationKeyName("max_submissions")]
    public int MaxSubmissions { get; set; } = 5;
}
