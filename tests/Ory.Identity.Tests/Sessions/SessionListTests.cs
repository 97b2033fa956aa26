using NodaTime;

namespace Ory.Identity.Tests.Sessions;

/// <summary>Listing sessions: by identity with the active filter, and the admin list's keyset pages.</summary>
public sealed class SessionListTests
{
    [Fact]
    public async Task An_identitys_sessions_are_listed_newest_first_and_filtered_on_being_active()
    {
        using var host = SessionTestHost.Create();
        var identity = await host.CreatePersonAsync();
        var other = await host.CreatePersonAsync("bar@ory.sh");
        var oldest = await host.SignInAsync(identity.Id);
        host.Clock.Advance(Duration.FromMinutes(1));
        var revoked = await host.SignInAsync(identity.Id);
        host.Clock.Advance(Duration.FromMinutes(1));
        var newest = await host.SignInAsync(identity.Id);
        await host.SignInAsync(other.Id);
        await host.Sessions().RevokeAsync(revoked.Session.Id);

        var all = await host.Sessions().ListByIdentityAsync(identity.Id);
        var active = await host.Sessions().ListByIdentityAsync(identity.Id, active: true);
        var inactive = await host.Sessions().ListByIdentityAsync(identity.Id, active: false);

        all.Select(s => s.Id).Should().Equal(newest.Session.Id, revoked.Session.Id, oldest.Session.Id);
        active.Select(s => s.Id).Should().Equal(newest.Session.Id, oldest.Session.Id);
        inactive.Select(s => s.Id).Should().Equal(revoked.Session.Id);
        all.Should().OnlyContain(s => s.Identity != null && s.Identity.Id == identity.Id && s.Devices.Count == 1);

        host.Clock.Advance(Duration.FromHours(24) - Duration.FromMinutes(1));
        (await host.Sessions().ListByIdentityAsync(identity.Id, active: true)).Select(s => s.Id).Should().Equal(newest.Session.Id);
    }

    [Fact]
    public async Task The_admin_list_pages_through_every_session_once_newest_first_with_opaque_tokens()
    {
        using var host = SessionTestHost.Create();
        var identity = await host.CreatePersonAsync();
        var issued = new List<Guid>();
        for (var i = 0; i < 7; i++)
        {
            issued.Add((await host.SignInAsync(identity.Id)).Session.Id);
            if (i % 2 == 0)
            {
                host.Clock.Advance(Duration.FromSeconds(1)); // Some share a creation time: the id breaks the tie.
            }
        }

        var seen = new List<Session>();
        string? token = null;
        var pages = 0;
        do
        {
            var page = await host.Sessions().ListAsync(new SessionListQuery { PageSize = 3, PageToken = token });
            seen.AddRange(page.Items);
            token = page.NextPageToken;
            token?.Should().NotContain(page.Items[^1].Id.ToString(), "page tokens are opaque");
            if (token is not null)
            {
                // A session issued while paging is newer than every page already read, so it does not appear.
                await host.SignInAsync(identity.Id);
            }

            pages++;
        }
        while (token is not null);

        pages.Should().Be(3);
        seen.Select(s => s.Id).Should().BeEquivalentTo(issued).And.OnlyHaveUniqueItems();
        seen.Select(s => s.IssuedAt).Should().BeInDescendingOrder();
        seen.Should().OnlyContain(s => s.Identity == null && s.Devices.Count == 0, "nothing is expanded by default");
    }

    [Fact]
    public async Task The_admin_list_expands_identity_and_devices_on_request_and_filters_on_active()
    {
        using var host = SessionTestHost.Create();
        var identity = await host.CreatePersonAsync();
        var active = await host.SignInAsync(identity.Id);
        var revoked = await host.SignInAsync(identity.Id);
        await host.Sessions().RevokeAsync(revoked.Session.Id);

        var page = await host.Sessions().ListAsync(new SessionListQuery { Active = true, Expand = SessionExpand.All });

        var session = page.Items.Should().ContainSingle().Subject;
        session.Id.Should().Be(active.Session.Id);
        session.Identity!.Id.Should().Be(identity.Id);
        session.Devices.Should().ContainSingle();
        page.NextPageToken.Should().BeNull();
    }

    [Theory]
    [InlineData("not base64 !")]
    [InlineData("aGVsbG8")]
    [InlineData("Y3JlYXRlZF9hdD1ub3cvaWQ9eA")]
    public async Task A_crafted_page_token_is_a_bad_request(string token)
    {
        using var host = SessionTestHost.Create();

        var refused = await FluentActions.Awaiting(() => host.Sessions().ListAsync(new SessionListQuery { PageToken = token }))
            .Should().ThrowAsync<InvalidRequestException>();

        refused.Which.Error.Reason.Should().Be("The page token is invalid, do not craft your own page tokens");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1001)]
    public async Task A_page_size_outside_1_to_1000_is_a_bad_request(int size)
    {
        using var host = SessionTestHost.Create();

        await FluentActions.Awaiting(() => host.Sessions().ListAsync(new SessionListQuery { PageSize = size }))
            .Should().ThrowAsync<InvalidRequestException>();
    }
}
