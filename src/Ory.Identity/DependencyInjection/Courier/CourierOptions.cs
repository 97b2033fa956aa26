using Microsoft.Extensions.Configuration;

namespace Ory.Identity;

/// <summary><c>courier</c>: how recovery messages and invitations are written (Kratos's courier configuration).</summary>
public sealed class CourierOptions
{
    /// <summary><c>templates</c>: subjects and bodies that replace the built-in texts.</summary>
    [ConfigurationKeyName("templates")]
    public CourierTemplatesOptions Templates { get; set; } = new();
}
