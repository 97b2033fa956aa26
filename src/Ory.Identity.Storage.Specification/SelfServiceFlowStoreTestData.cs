using NodaTime;

namespace Ory.Identity.Storage.Specification;

/// <summary>
/// Builds <see cref="SelfServiceFlowRecord"/>s for flow store tests at fixed instants with microsecond precision.
/// Reused by the conformance kit and by third-party stores.
/// </summary>
public static class SelfServiceFlowStoreTestData
{
    /// <summary>When test flows are issued (<see cref="RecoveryStoreTestData.IssuedAt"/>).</summary>
    public static Instant IssuedAt => RecoveryStoreTestData.IssuedAt;

    /// <summary>When test flows expire (<see cref="RecoveryStoreTestData.ExpiresAt"/>).</summary>
    public static Instant ExpiresAt => RecoveryStoreTestData.ExpiresAt;

    /// <summary>
    /// A JSON document written as no serializer would: keys out of order, odd whitespace, escapes (<c>\u0000</c>
    /// among them) and non-ASCII text. A store returns it byte for byte.
    /// </summary>
    public const string OddDocument =
        "{ \"z\" : 1,\n\t\"a\":[true ,null, \"caf\\u00e9 \\u0000 \\\"q\\\"\"],  \"m\":{\"\u00fc\":\"\U0001F600\", \"n\":1.50e+3 } }";

    /// <summary>A browser flow of <paramref name="kind"/> in state <c>choose_method</c>, issued at <see cref="IssuedAt"/>.</summary>
    /// <param name="kind">Login or settings.</param>
    /// <param name="identityId">The identity (settings flows); none when null.</param>
    /// <param name="expiresAt">When it expires; <see cref="ExpiresAt"/> when null.</param>
    /// <param name="document">Its document; <c>{"refresh":false}</c> when null.</param>
    public static SelfServiceFlowRecord NewFlow(
        SelfServiceFlowKind kind = SelfServiceFlowKind.Login,
        Guid? identityId = null,
        Instant? expiresAt = null,
        string? document = null)
    {
        var id = Guid.CreateVersion7();
        var path = kind == SelfServiceFlowKind.Login ? "login" : "settings";
        return new SelfServiceFlowRecord
        {
            Id = id,
            Kind = kind,
            Type = SelfServiceFlowType.Browser,
            State = "choose_method",
            IssuedAt = IssuedAt,
            ExpiresAt = expiresAt ?? ExpiresAt,
            RequestUrl = $"http://127.0.0.1:4433/self-service/{path}/browser?return_to=https%3A%2F%2Fapp.example.org%2F{id:N}",
            IdentityId = identityId,
            Document = document ?? """{"refresh":false}""",
        };
    }
}
