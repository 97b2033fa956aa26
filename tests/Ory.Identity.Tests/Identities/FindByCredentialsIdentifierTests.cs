using Ory.Identity.Tests.Support;

namespace Ory.Identity.Tests.Identities;

/// <summary>
/// <see cref="IIdentityManager.FindByCredentialsIdentifierAsync"/>: null on a miss, Kratos's normalization per credential
/// type, <see cref="IIdentityManager.GetAsync"/>'s view, and, without a type, exactly the first item of
/// <see cref="IIdentityManager.ListAsync"/> with <see cref="IdentityListQuery.CredentialsIdentifier"/>.
/// </summary>
public sealed class FindByCredentialsIdentifierTests : IDisposable
{
    private const string Hash = "$2a$04$ZJUKsvTS3rn/Wmq3JWOYKugdB4tdHStVGfEaYW5UdW9NiY0rMQ9Ca";

    private readonly TestHost _host = new();

    public void Dispose() => _host.Dispose();

    private Task<Identity> CreateAsync(string email, string? credentials = null) =>
        _host.Manager.CreateAsync(OryIdentityJson.Deserialize<CreateIdentityRequest>(
            $$"""{"traits":{"email":"{{email}}"}{{(credentials is null ? string.Empty : ",\"credentials\":" + credentials)}}}"""));

    private Task<Identity> CreateWithPasswordAsync(string email) =>
        CreateAsync(email, "{\"password\":{\"config\":{\"hashed_password\":\"" + Hash + "\"}}}");

    private Task<Identity> CreateWithOidcAsync(string email, string subject) =>
        CreateAsync(email, "{\"oidc\":{\"config\":{\"providers\":[{\"provider\":\"google\",\"subject\":\"" + subject + "\"}]}}}");

    [Fact]
    public async Task Finds_the_identity_holding_the_email_in_GetAsyncs_view()
    {
        await CreateWithPasswordAsync("ada@example.org");
        var grace = await CreateWithPasswordAsync("grace@example.org");

        var found = await _host.Manager.FindByCredentialsIdentifierAsync("grace@example.org");

        found.Should().NotBeNull();
        found!.Id.Should().Be(grace.Id);
        found.Credentials[CredentialsType.Password].Config.Should().BeNull("a read lists credentials without their config");
        OryIdentityJson.Serialize(found).Should().Be(OryIdentityJson.Serialize(await _host.Manager.GetAsync(grace.Id)));
    }

    [Fact]
    public async Task An_unknown_identifier_is_null_not_an_error()
    {
        await CreateWithPasswordAsync("ada@example.org");

        (await _host.Manager.FindByCredentialsIdentifierAsync("nobody@example.org")).Should().BeNull();
        (await _host.Manager.FindByCredentialsIdentifierAsync("nobody@example.org", CredentialsType.Password)).Should().BeNull();
    }

    [Theory]
    [InlineData("ADA@EXAMPLE.ORG")]
    [InlineData("  Ada@Example.org\t")]
    [InlineData("\uFF41da@example.org")] // a fullwidth "a", folded by NFKC
    public async Task The_identifier_is_normalized_as_Kratos_normalizes_password_identifiers(string typed)
    {
        var ada = await CreateWithPasswordAsync("ada@example.org");

        (await _host.Manager.FindByCredentialsIdentifierAsync(typed))!.Id.Should().Be(ada.Id);
        (await _host.Manager.FindByCredentialsIdentifierAsync(typed, CredentialsType.Password))!.Id.Should().Be(ada.Id);
    }

    [Fact]
    public async Task A_type_narrows_the_lookup_to_credentials_of_that_type()
    {
        var ada = await CreateWithOidcAsync("ada@example.org", "Subject-1");

        (await _host.Manager.FindByCredentialsIdentifierAsync("ada@example.org", CredentialsType.Password))!.Id.Should().Be(ada.Id);
        (await _host.Manager.FindByCredentialsIdentifierAsync("ada@example.org", CredentialsType.Oidc)).Should().BeNull();
        (await _host.Manager.FindByCredentialsIdentifierAsync("google:Subject-1", CredentialsType.Oidc))!.Id.Should().Be(ada.Id);
        (await _host.Manager.FindByCredentialsIdentifierAsync("google:Subject-1", CredentialsType.Password)).Should().BeNull();
        (await _host.Manager.FindByCredentialsIdentifierAsync("google:Subject-1"))!.Id.Should().Be(ada.Id);
    }

    [Fact]
    public async Task Oidc_identifiers_are_case_sensitive()
    {
        await CreateWithOidcAsync("ada@example.org", "Subject-1");

        (await _host.Manager.FindByCredentialsIdentifierAsync("google:subject-1", CredentialsType.Oidc)).Should().BeNull();
        (await _host.Manager.FindByCredentialsIdentifierAsync("GOOGLE:SUBJECT-1")).Should().BeNull();
    }

    [Fact]
    public async Task Included_credentials_carry_their_config()
    {
        var ada = await CreateWithPasswordAsync("ada@example.org");
        var options = new IdentityQueryOptions { IncludeCredentials = [CredentialsType.Password] };

        var found = await _host.Manager.FindByCredentialsIdentifierAsync("ada@example.org", options: options);

        found!.Credentials[CredentialsType.Password].Config!.Value.GetProperty("hashed_password").GetString().Should().Be(Hash);
        OryIdentityJson.Serialize(found).Should().Be(OryIdentityJson.Serialize(await _host.Manager.GetAsync(ada.Id, options)));
    }

    [Fact]
    public async Task A_deleted_identity_is_not_found()
    {
        var ada = await CreateWithPasswordAsync("ada@example.org");

        await _host.Manager.DeleteAsync(ada.Id);

        (await _host.Manager.FindByCredentialsIdentifierAsync("ada@example.org")).Should().BeNull();
        (await _host.Manager.FindByCredentialsIdentifierAsync("ada@example.org", CredentialsType.Password)).Should().BeNull();
    }

    [Fact]
    public async Task A_row_stored_before_normalization_is_found_by_its_identifier_as_typed()
    {
        var legacy = await CreateWithPasswordAsync("legacy@example.org");
        await _host.Store.UpdateAsync(legacy.Id, stored => stored with
        {
            Credentials = new Dictionary<CredentialsType, IdentityCredentials>
            {
                [CredentialsType.Password] = stored.Credentials[CredentialsType.Password] with { Identifiers = ["Legacy@Example.org"] },
            },
        });

        (await _host.Manager.FindByCredentialsIdentifierAsync("Legacy@Example.org", CredentialsType.Password))!.Id.Should().Be(legacy.Id);
        (await _host.Manager.FindByCredentialsIdentifierAsync("Legacy@Example.org"))!.Id.Should().Be(legacy.Id);
        (await _host.Manager.FindByCredentialsIdentifierAsync("legacy@example.org", CredentialsType.Password)).Should().BeNull();
    }

    [Fact]
    public async Task When_two_identities_hold_the_typed_and_the_normalized_form_a_typed_lookup_prefers_the_exact_match_and_an_untyped_one_the_lists_first()
    {
        // The normalized holder is created first, so its id sorts first in the list.
        var normalized = await CreateWithPasswordAsync("twin@example.org");
        _host.Clock.AdvanceSeconds(1);
        var legacy = await CreateWithPasswordAsync("other@example.org");
        await _host.Store.UpdateAsync(legacy.Id, stored => stored with
        {
            Credentials = new Dictionary<CredentialsType, IdentityCredentials>
            {
                [CredentialsType.Password] = stored.Credentials[CredentialsType.Password] with { Identifiers = ["Twin@Example.org"] },
            },
        });
        var listed = await _host.Manager.ListAsync(new IdentityListQuery { CredentialsIdentifier = "Twin@Example.org" });
        listed.Items.Select(i => i.Id).Should().Equal(normalized.Id, legacy.Id);

        (await _host.Manager.FindByCredentialsIdentifierAsync("Twin@Example.org"))!.Id.Should().Be(normalized.Id);
        (await _host.Manager.FindByCredentialsIdentifierAsync("Twin@Example.org", CredentialsType.Password))!.Id.Should().Be(legacy.Id);
        (await _host.Manager.FindByCredentialsIdentifierAsync("twin@example.org", CredentialsType.Password))!.Id.Should().Be(normalized.Id);
    }

    [Fact]
    public async Task VerifyPasswordAsync_finds_the_same_identity_as_a_typed_password_lookup_the_exact_match_first()
    {
        // Kratos's password login and FindByCredentialsIdentifier share one lookup: typed form, then normalized form.
        var normalized = await CreateAsync("twin@example.org", PasswordOf("normalized-holder"));
        var legacy = await CreateAsync("other@example.org", PasswordOf("legacy-holder"));
        await _host.Store.UpdateAsync(legacy.Id, stored => stored with
        {
            Credentials = new Dictionary<CredentialsType, IdentityCredentials>
            {
                [CredentialsType.Password] = stored.Credentials[CredentialsType.Password] with { Identifiers = ["Twin@Example.org"] },
            },
        });

        (await _host.Manager.FindByCredentialsIdentifierAsync("Twin@Example.org", CredentialsType.Password))!.Id.Should().Be(legacy.Id);
        (await _host.Manager.FindByCredentialsIdentifierAsync(" TWIN@example.org", CredentialsType.Password))!.Id.Should().Be(normalized.Id);
        (await _host.Manager.VerifyPasswordAsync("Twin@Example.org", "normalized-holder")).Should().Be(PasswordCheckResult.Failed);
        var typed = await _host.Manager.VerifyPasswordAsync("Twin@Example.org", "legacy-holder");
        var normalizedForm = await _host.Manager.VerifyPasswordAsync(" TWIN@example.org", "normalized-holder");

        (typed.Succeeded, typed.IdentityId).Should().Be((true, legacy.Id));
        (normalizedForm.Succeeded, normalizedForm.IdentityId).Should().Be((true, normalized.Id));
    }

    // A cost-4 bcrypt password credential.
    private static string PasswordOf(string password) =>
        "{\"password\":{\"config\":{\"hashed_password\":\"" + BCrypt.Net.BCrypt.HashPassword(password, 4) + "\"}}}";

    [Fact]
    public async Task An_empty_identifier_is_a_400()
    {
        var find = () => _host.Manager.FindByCredentialsIdentifierAsync(string.Empty).AsTask();

        (await find.Should().ThrowAsync<InvalidRequestException>()).Which.Error.Reason.Should().Be("The credentials identifier must not be empty.");
    }

    public static TheoryData<string, CredentialsType?, bool> DifferentialCases => new()
    {
        { "ada@example.org", null, false },
        { "ADA@example.org ", null, false },
        { "ada@example.org", null, true },
        { "google:Subject-1", null, true },
        { "google:subject-1", null, false },
        { "grace@example.org", CredentialsType.Password, true },
        { " Grace@Example.org", CredentialsType.Password, false },
        { "google:Subject-1", CredentialsType.Oidc, true },
        { "nobody@example.org", null, false },
        { "nobody@example.org", CredentialsType.Password, true },
    };

    // The direct lookup against the authoritative path, the list filter: the same identity, byte for byte.
    [Theory]
    [MemberData(nameof(DifferentialCases))]
    public async Task Returns_exactly_the_first_item_the_list_filter_returns_of_the_type(string identifier, CredentialsType? type, bool includeCredentials)
    {
        await CreateWithPasswordAsync("ada@example.org");
        await CreateWithOidcAsync("grace@example.org", "Subject-1");
        await CreateAsync("alan@example.org");
        IReadOnlyList<CredentialsType>? include = includeCredentials ? [CredentialsType.Password, CredentialsType.Oidc] : null;

        var page = await _host.Manager.ListAsync(new IdentityListQuery { CredentialsIdentifier = identifier, IncludeCredentials = include });
        var expected = page.Items.FirstOrDefault(i => type is not { } only || i.Credentials.TryGetValue(only, out var credential)
            && credential.Identifiers.Any(held => held == identifier || (only.HasNormalizedIdentifiers && string.Equals(held, identifier.Trim(), StringComparison.OrdinalIgnoreCase))));
        var found = await _host.Manager.FindByCredentialsIdentifierAsync(identifier, type, new IdentityQueryOptions { IncludeCredentials = include });

        (found is null ? null : OryIdentityJson.Serialize(found)).Should().Be(expected is null ? null : OryIdentityJson.Serialize(expected));
    }
}
