using System.Text.Json.Serialization;

namespace Ory.Identity;

/// <summary>Where a verifiable address is in its verification (Kratos's <c>status</c>).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<VerifiableAddressStatus>))]
public enum VerifiableAddressStatus
{
    /// <summary>No verification message was sent yet.</summary>
    [JsonStringEnumMemberName("pending")] Pending,

    /// <summary>A verification message was sent.</summary>
    [JsonStringEnumMemberName("sent")] Sent,

    /// <summary>The address is verified.</summary>
    [JsonStringEnumMemberName("completed")] Completed,
}
