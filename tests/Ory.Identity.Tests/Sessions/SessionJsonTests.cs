using System.Text.Json;
using NodaTime;
using Ory.Identity.Tests.Support;

namespace Ory.Identity.Tests.Sessions;

/// <summary>A session's JSON is Kratos's (session/session.go): field names and order, aal strings, <c>identity: null</c>.</summary>
public sealed class SessionJsonTests
{
    private static readonly Guid SessionId = Guid.Parse("0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b");
    private static readonly Guid DeviceId = Guid.Parse("0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5c");

    [Fact]
    public void A_session_without_its_identity_serializes_byte_for_byte_as_kratos_does()
    {
        var session = new Session
        {
            Id = SessionId,
            Active = true,
            ExpiresAt = TestHost.Start + Duration.FromHours(24),
            AuthenticatedAt = TestHost.Start,
            AuthenticatorAssuranceLevel = AuthenticatorAssuranceLevel.Aal1,
            AuthenticationMethods = [new SessionAuthenticationMethod { Method = "password", Aal = AuthenticatorAssuranceLevel.Aal1, CompletedAt = TestHost.Start }],
            IssuedAt = TestHost.Start,
            IdentityId = Guid.NewGuid(),
        };

        var json = OryIdentityJson.Serialize(session);

        json.Should().Be(
            """{"id":"0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b","active":true,"expires_at":"2026-11-28T10:00:00Z","authenticated_at":"2026-11-27T10:00:00Z","authenticator_assurance_level":"aal1","authentication_methods":[{"method":"password","aal":"aal1","completed_at":"2026-11-27T10:00:00Z"}],"issued_at":"2026-11-27T10:00:00Z","identity":null,"devices":[]}""");
    }

    [Fact]
    public async Task A_whoami_session_carries_the_public_identity_and_its_devices_and_no_token()
    {
        using var host = SessionTestHost.Create();
        var identity = await host.CreatePersonAsync();
        var issued = await host.Sessions().IssueAsync(
            identity.Id, SessionAuthenticationMethods.Password, new SessionDevice { Id = DeviceId, IpAddress = "192.0.2.1", UserAgent = "curl/8" });
        var session = await host.Sessions().AuthenticateAsync(issued.Token);

        using var document = JsonDocument.Parse(OryIdentityJson.Serialize(session));
        var root = document.RootElement;

        root.EnumerateObject().Select(p => p.Name).Should().Equal(
            "id", "active", "expires_at", "authenticated_at", "authenticator_assurance_level", "authentication_methods", "issued_at", "identity", "devices");
        root.GetProperty("identity").GetProperty("id").GetGuid().Should().Be(identity.Id);
        root.GetProperty("identity").TryGetProperty("credentials", out _).Should().BeFalse();
        root.GetProperty("identity").TryGetProperty("metadata_admin", out _).Should().BeFalse();
        var device = root.GetProperty("devices")[0];
        device.EnumerateObject().Select(p => p.Name).Should().Equal("id", "ip_address", "user_agent", "location");
        device.GetProperty("location").GetString().Should().BeEmpty();
        root.GetRawText().Should().NotContain(issued.Token[7..]);
    }

    [Fact]
    public void A_list_of_sessions_serializes_as_an_array()
    {
        IReadOnlyList<Session> sessions = [];

        OryIdentityJson.Serialize(sessions).Should().Be("[]");
    }
}
