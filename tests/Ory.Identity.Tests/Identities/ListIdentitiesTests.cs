using Ory.Identity.Storage;
using Ory.Identity.Tests.Support;

namespace Ory.Identity.Tests.Identities;

public sealed class ListIdentitiesTests : IDisposable
{
    private readonly TestHost _host = new();

    public void Dispose() => _host.Dispose();

    private async Task<List<Identity>> SeedAsync(int count)
    {
        var created = new List<Identity>();
        for (var i = 0; i < count; i++)
        {
            created.Add(await _host.Manager.CreateAsync(TestHost.Create($$"""{"email":"user{{i}}@ory.sh"}""")));
        }

        return created;
    }

    [Fact]
    public async Task Pages_cover_every_identity_once_in_uuid_order()
    {
        var created = await SeedAsync(7);
        var seen = new List<Guid>();
        string? token = null;
        var pages = 0;
        do
        {
            var page = await _host.Manager.ListAsync(new IdentityListQuery { PageSize = 3, PageToken = token });
            page.Items.Count.Should().BeLessThanOrEqualTo(3);
            seen.AddRange(page.Items.Select(i => i.Id));
            token = page.NextPageToken;
            pages++;
        }
        while (token is not null);

        pages.Should().Be(3);
        seen.Should().BeEquivalentTo(created.Select(c => c.Id));
        seen.Should().BeInAscendingOrder(GuidOrder.Instance);
    }

    [Fact]
    public async Task Last_full_page_has_no_next_token()
    {
        await SeedAsync(3);

        var page = await _host.Manager.ListAsync(new IdentityListQuery { PageSize = 3 });

        page.Items.Should().HaveCount(3);
        page.NextPageToken.Should().BeNull();
    }

    [Fact]
    public async Task Items_carry_no_credentials_unless_asked()
    {
        await SeedAsync(1);

        var plain = await _host.Manager.ListAsync(new IdentityListQuery());
        var included = await _host.Manager.ListAsync(new IdentityListQuery { IncludeCredentials = [CredentialsType.Password] });

        plain.Items.Single().Credentials.Should().BeEmpty();
        plain.Items.Single().VerifiableAddresses.Should().ContainSingle();
        included.Items.Single().Credentials[CredentialsType.Password].Config!.Value.GetRawText().Should().Be("{}");
    }

    [Fact]
    public async Task Credentials_identifier_matches_after_normalization()
    {
        var created = await SeedAsync(3);

        var page = await _host.Manager.ListAsync(new IdentityListQuery { CredentialsIdentifier = "  USER1@ORY.SH" });

        var item = page.Items.Should().ContainSingle().Subject;
        item.Id.Should().Be(created[1].Id);
        item.Credentials[CredentialsType.Password].Config.Should().BeNull("config is only included on request");
    }

    [Fact]
    public async Task Similar_identifier_is_a_prefix_search()
    {
        await SeedAsync(12);

        var page = await _host.Manager.ListAsync(new IdentityListQuery { CredentialsIdentifierSimilar = "user1" });

        page.Items.Select(i => i.Traits.GetProperty("email").GetString()).Should().BeEquivalentTo("user1@ory.sh", "user10@ory.sh", "user11@ory.sh");
    }

    [Fact]
    public async Task Ids_filter_ignores_unknown_and_duplicate_ids()
    {
        var created = await SeedAsync(3);

        var page = await _host.Manager.ListAsync(new IdentityListQuery { Ids = [created[0].Id, created[0].Id, created[2].Id, Guid.NewGuid()] });

        page.Items.Select(i => i.Id).Should().BeEquivalentTo([created[0].Id, created[2].Id]);
    }

    [Fact]
    public async Task Organization_filter_returns_only_members()
    {
        var organization = Guid.NewGuid();
        await SeedAsync(2);
        var member = await _host.Manager.CreateAsync(TestHost.Create("""{"email":"member@ory.sh"}""") with { OrganizationId = organization });

        var page = await _host.Manager.ListAsync(new IdentityListQuery { OrganizationId = organization });
        var unknown = await _host.Manager.ListAsync(new IdentityListQuery { OrganizationId = Guid.NewGuid() });

        page.Items.Should().ContainSingle().Which.Id.Should().Be(member.Id);
        unknown.Items.Should().BeEmpty();
    }

    [Fact]
    public async Task Page_size_above_the_maximum_is_clamped()
    {
        await SeedAsync(2);

        var page = await _host.Manager.ListAsync(new IdentityListQuery { PageSize = 10_000 });

        page.Items.Should().HaveCount(2);
    }

    [Fact]
    public async Task List_all_streams_every_page()
    {
        var created = await SeedAsync(5);

        var all = new List<Identity>();
        await foreach (var identity in _host.Manager.ListAllAsync(new IdentityListQuery { PageSize = 2 }))
        {
            all.Add(identity);
        }

        all.Select(i => i.Id).Should().BeEquivalentTo(created.Select(c => c.Id));
    }

    public static TheoryData<IdentityListQuery, string> BadQueries => new()
    {
        { new IdentityListQuery { PageToken = "not-a-uuid" }, "The page token is invalid, do not craft your own page tokens" },
        { new IdentityListQuery { PageToken = "eyJpZCI6IjEyMyJ9" }, "The page token is invalid, do not craft your own page tokens" },
        { new IdentityListQuery { Ids = Enumerable.Range(0, 501).Select(_ => Guid.NewGuid()).ToArray() }, "The number of ids to filter must not exceed 500." },
        { new IdentityListQuery { Ids = [Guid.NewGuid()], CredentialsIdentifier = "a@b.c" }, "You cannot combine multiple filters in this API" },
        { new IdentityListQuery { OrganizationId = Guid.NewGuid(), CredentialsIdentifierSimilar = "a" }, "You cannot combine multiple filters in this API" },
        { new IdentityListQuery { PageSize = 0 }, "The page size must be between 1 and 500." },
        { new IdentityListQuery { PageSize = -5 }, "The page size must be between 1 and 500." },
    };

    [Theory]
    [MemberData(nameof(BadQueries))]
    public async Task Bad_queries_are_refused_with_kratos_texts(IdentityListQuery query, string reason)
    {
        var act = () => _host.Manager.ListAsync(query);

        var error = (await act.Should().ThrowAsync<InvalidRequestException>()).Which.Error;
        error.Code.Should().Be(400);
        error.Reason.Should().Be(reason);
    }
}
