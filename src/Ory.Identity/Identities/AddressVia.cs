using System.Text.Json.Serialization;

namespace Ory.Identity;

/// <summary>The channel an address is reached by (Kratos's <c>via</c>).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<AddressVia>))]
public enum AddressVia
{
    /// <summary>An email address.</summary>
    [JsonStringEnumMemberName("email")] Email,

    /// <summary>A phone number in E.164 form.</summary>
    [JsonStringEnumMemberName("sms")] Sms,
}
