using System.Text.Json.Serialization;

namespace Ory.Identity;

/// <summary>How a recovery is completed: a link carrying a token, or a 6-digit code.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<RecoveryMethod>))]
public enum RecoveryMethod
{
    /// <summary>A link with a 32-character token (<c>selfservice.methods.link</c>).</summary>
    [JsonStringEnumMemberName("link")] Link,

    /// <summary>A 6-digit code (<c>selfservice.methods.code</c>).</summary>
    [JsonStringEnumMemberName("code")] Code,
}
