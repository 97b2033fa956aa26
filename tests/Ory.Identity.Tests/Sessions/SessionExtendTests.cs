using NodaTime;
using Ory.Identity.Tests.Support;

namespace Ory.Identity.Tests.Sessions;

/// <summary>Extending sessions (Kratos's <c>PATCH /admin/sessions/{id}/extend</c>) with and without <c>earliest_possible_extend</c>.</summary>
public sealed class SessionExtendTests
{
    [Fact]
    public async Task Without_earliest_possible_extend_every_extension_moves_the_expiry_to_now_plus_the_lifespan()
    {
        using var host = SessionTestHost.Create();
        var identity = await host.CreatePersonAsync();
        var issued = await host.SignInAsync(identity.Id);
        host.Clock.Advance(Duration.FromMinutes(1));

        var extended = await host.Sessions().ExtendAsync(issued.Session.Id);

        extended.ExpiresAt.Should().Be(TestHost.Start + Duration.FromMinutes(1) + Duration.FromHours(24));
        extended.AuthenticatedAt.Should().Be(TestHost.Start, "an extension is no authentication");
        extended.Identity!.Id.Should().Be(identity.Id);
        (await host.Sessions().GetAsync(issued.Session.Id)).ExpiresAt.Should().Be(extended.ExpiresAt);
    }

    [Fact]
    public async Task With_earliest_possible_extend_a_session_is_extended_only_once_its_remaining_lifetime_is_below_it()
    {
        using var host = SessionTestHost.Create(o => o.Session.EarliestPossibleExtend = "1h");
        var identity = await host.CreatePersonAsync();
        var issued = await host.SignInAsync(identity.Id);

        host.Clock.Advance(Duration.FromHours(23));
        var unchanged = await host.Sessions().ExtendAsync(issued.Session.Id);
        unchanged.ExpiresAt.Should().Be(issued.Session.ExpiresAt, "exactly one hour is left, not less");

        host.Clock.Advance(Duration.FromMinutes(1));
        var extended = await host.Sessions().ExtendAsync(issued.Session.Id);
        extended.ExpiresAt.Should().Be(host.Clock.GetCurrentInstant() + Duration.FromHours(24));
    }

    [Fact]
    public async Task A_revoked_session_is_extended_but_stays_revoked()
    {
        using var host = SessionTestHost.Create();
        var identity = await host.CreatePersonAsync();
        var issued = await host.SignInAsync(identity.Id);
        await host.Sessions().RevokeAsync(issued.Session.Id);
        host.Clock.Advance(Duration.FromHours(1));

        var extended = await host.Sessions().ExtendAsync(issued.Session.Id);

        extended.ExpiresAt.Should().Be(TestHost.Start + Duration.FromHours(25));
        extended.Active.Should().BeFalse();
        (await host.Sessions().AuthenticateAsync(issued.Token)).Should().BeNull();
    }
}
