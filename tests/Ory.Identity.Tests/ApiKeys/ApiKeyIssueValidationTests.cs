using NodaTime;
using Ory.Identity.Tests.Support;

namespace Ory.Identity.Tests.ApiKeys;

public sealed class ApiKeyIssueValidationTests : IDisposable
{
    private readonly TestHost _host = MachineTestHost.Create(o => o.ApiKeys.MaxActivePerIdentity = 3);

    public void Dispose() => _host.Dispose();

    private IApiKeyManager Keys => _host.ApiKeys();

    private async Task<string> StoredJsonAsync(Guid id) => OryIdentityJson.Serialize((await _host.Store.GetAsync(id))!);

    [Fact]
    public async Task A_person_gets_no_api_key()
    {
        var person = await _host.Manager.CreateAsync(TestHost.Create("""{"email":"foo@ory.sh"}"""));
        var before = await StoredJsonAsync(person.Id);

        var issue = () => Keys.IssueAsync(person.Id, "ci");

        var error = (await issue.Should().ThrowAsync<MachineIdentityException>()).Which;
        error.StatusCode.Should().Be(400);
        error.Error.Reason.Should().Be("API keys can only be issued to machine identities, and schema \"default\" is not a machine schema (identity.schemas[].kind: machine).");
        (await StoredJsonAsync(person.Id)).Should().Be(before);
    }

    [Fact]
    public async Task An_unknown_identity_is_404()
    {
        var issue = () => Keys.IssueAsync(Guid.NewGuid(), "ci");

        (await issue.Should().ThrowAsync<IdentityNotFoundException>()).Which.StatusCode.Should().Be(404);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("tab\there")]
    [InlineData("new\nline")]
    [InlineData("12345678901234567890123456789012345678901234567890123456789012345")]
    public async Task Bad_names_are_refused_and_nothing_is_stored(string name)
    {
        var account = await _host.CreateServiceAccountAsync();
        var before = await StoredJsonAsync(account.Id);

        var issue = () => Keys.IssueAsync(account.Id, name);

        (await issue.Should().ThrowAsync<InvalidRequestException>()).Which.Error.Reason
            .Should().Be("The API key name must be 1 to 64 characters, not only spaces, without control characters.");
        (await StoredJsonAsync(account.Id)).Should().Be(before);
    }

    [Fact]
    public async Task A_name_of_64_characters_is_accepted()
    {
        var account = await _host.CreateServiceAccountAsync();

        var issued = await Keys.IssueAsync(account.Id, new string('n', 64));

        issued.Key.Name.Should().HaveLength(64);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-60)]
    public async Task A_lifespan_that_is_not_positive_is_refused(int seconds)
    {
        var account = await _host.CreateServiceAccountAsync();
        var before = await StoredJsonAsync(account.Id);

        var issue = () => Keys.IssueAsync(account.Id, "ci", Duration.FromSeconds(seconds));

        (await issue.Should().ThrowAsync<InvalidRequestException>()).Which.Error.Reason.Should().StartWith("expires_in must be a positive duration");
        (await StoredJsonAsync(account.Id)).Should().Be(before);
    }

    [Fact]
    public async Task No_more_than_the_maximum_of_active_keys_and_revoking_makes_room()
    {
        var account = await _host.CreateServiceAccountAsync();
        var first = await Keys.IssueAsync(account.Id, "1");
        await Keys.IssueAsync(account.Id, "2");
        await Keys.IssueAsync(account.Id, "3");
        var before = await StoredJsonAsync(account.Id);

        var fourth = () => Keys.IssueAsync(account.Id, "4");
        (await fourth.Should().ThrowAsync<InvalidRequestException>()).Which.Error.Reason
            .Should().Be("The identity already has 3 active API keys (api_keys.max_active_per_identity): revoke one first.");
        (await StoredJsonAsync(account.Id)).Should().Be(before);

        await Keys.RevokeAsync(account.Id, first.Key.Id);
        (await Keys.IssueAsync(account.Id, "4")).Key.Name.Should().Be("4");
    }

    [Fact]
    public async Task Parallel_issues_never_exceed_the_maximum()
    {
        var account = await _host.CreateServiceAccountAsync();

        var attempts = await Task.WhenAll(Enumerable.Range(0, 16).Select(i => Task.Run(async () =>
        {
            try
            {
                return await Keys.IssueAsync(account.Id, "k" + i);
            }
            catch (InvalidRequestException)
            {
                return null;
            }
        })));

        attempts.Count(a => a is not null).Should().Be(3);
        var listed = await Keys.ListAsync(account.Id);
        listed.Select(k => k.Id).Should().BeEquivalentTo(attempts.Where(a => a is not null).Select(a => a!.Key.Id));
        foreach (var issued in attempts.Where(a => a is not null))
        {
            (await Keys.AuthenticateAsync(issued!.Secret)).Succeeded.Should().BeTrue();
        }
    }

    [Fact]
    public async Task Max_lifespan_caps_expiry_and_is_the_default()
    {
        using var host = MachineTestHost.Create(o => o.ApiKeys.MaxLifespan = "720h");
        var account = await host.CreateServiceAccountAsync();
        var keys = host.ApiKeys();

        (await keys.IssueAsync(account.Id, "default")).Key.ExpiresAt.Should().Be(TestHost.Start + Duration.FromDays(30));
        (await keys.IssueAsync(account.Id, "shorter", Duration.FromDays(1))).Key.ExpiresAt.Should().Be(TestHost.Start + Duration.FromDays(1));
        var longer = () => keys.IssueAsync(account.Id, "longer", Duration.FromDays(31));
        (await longer.Should().ThrowAsync<InvalidRequestException>()).Which.Error.Reason
            .Should().Be("expires_in must not exceed api_keys.max_lifespan (720h0m0s).");
    }
}
