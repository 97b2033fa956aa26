using Microsoft.Extensions.DependencyInjection;

namespace Ory.Identity.Storage.Specification;

/// <summary>
/// <see cref="IIdentityManager.FindByCredentialsIdentifierAsync"/> through the manager over the stores under test: it
/// finds what the list filter <see cref="IdentityListQuery.CredentialsIdentifier"/> finds, byte for byte, in the view of
/// <see cref="IIdentityManager.GetAsync"/>, with Kratos's normalization per credential type, and null on a miss. The
/// manager answers from the store's <see cref="IIdentityStore.FindByCredentialsIdentifierAsync"/> (with a type) and
/// <see cref="IIdentityStore.ListAsync"/> (without one). Derive a sealed class and register the storage under test in
/// <see cref="UseStorageAsync"/>.
/// </summary>
/// <example>
/// <code>
/// public sealed class MyStoreLookupTests : IdentityLookupSpecification
/// {
///     [Theory]
///     [MemberData(nameof(Cases))]
///     public Task Conforms(string @case) => RunCaseAsync(@case);
///
///     protected override Task UseStorageAsync(OryIdentityBuilder builder)
///     {
///         builder.UseMyStorage(...);
///         return Task.CompletedTask;
///     }
/// }
/// </code>
/// </example>
public abstract class IdentityLookupSpecification : ConformanceKit
{
    private const string PersonSchema =
        """
        {"type":"object","properties":{"traits":{"type":"object","properties":{
          "email":{"type":"string","format":"email","ory.sh/kratos":{"credentials":{"password":{"identifier":true}},"verification":{"via":"email"},"recovery":{"via":"email"}}}},
          "required":["email"],"additionalProperties":false}}}
        """;

    private const string Hash = "$2a$04$ZJUKsvTS3rn/Wmq3JWOYKugdB4tdHStVGfEaYW5UdW9NiY0rMQ9Ca";

    private ServiceProvider? _services;
    private Identity _ada = null!;
    private Identity _grace = null!;

    /// <summary>The identity manager over the store under test.</summary>
    protected IIdentityManager Manager => _services!.GetRequiredService<IIdentityManager>();

    /// <summary>Registers the storage under test on a fresh, empty database.</summary>
    protected abstract Task UseStorageAsync(OryIdentityBuilder builder);

    /// <summary>Every case of this kit by name, for a data-driven test (<see cref="ConformanceKit"/>).</summary>
    public static IEnumerable<object[]> Cases => CasesOf<IdentityLookupSpecification>();

    /// <summary>
    /// Builds the services over the storage under test with three identities: ada (a password), grace (a password and
    /// an OIDC link <c>google:Subject-1</c>) and alan (no credential but the password identifier his traits derive).
    /// </summary>
    protected override async Task SetUpAsync()
    {
        var services = new ServiceCollection();
        var builder = services
            .AddOryIdentity(o => o.SelfService.Methods.Password.Config.HaveIBeenPwnedEnabled = false)
            .AddSchemaJson("default", PersonSchema);
        await UseStorageAsync(builder);
        _services = services.BuildServiceProvider();
        _ada = await CreateAsync("ada@example.org", "{\"password\":{\"config\":{\"hashed_password\":\"" + Hash + "\"}}}");
        _grace = await CreateAsync(
            "grace@example.org",
            "{\"password\":{\"config\":{\"hashed_password\":\"" + Hash + "\"}},\"oidc\":{\"config\":{\"providers\":[{\"provider\":\"google\",\"subject\":\"Subject-1\"}]}}}");
        await CreateAsync("alan@example.org", null);
    }

    /// <summary>Disposes the services.</summary>
    protected override async Task TearDownAsync()
    {
        if (_services is not null)
        {
            await _services.DisposeAsync();
        }
    }

    /// <summary>An email finds its identity, typed as stored, in another case or padded, with or without the type.</summary>
    [ConformanceCase]
    public async Task An_email_finds_its_identity_in_GetAsyncs_view_whatever_its_case_and_padding()
    {
        var expected = OryIdentityJson.Serialize(await Manager.GetAsync(_ada.Id));
        foreach (var typed in new[] { "ada@example.org", "ADA@Example.ORG", "  ada@example.org\t" })
        {
            OryIdentityJson.Serialize((await Manager.FindByCredentialsIdentifierAsync(typed))!).Should().Be(expected, "the lookup of {0}", typed);
            OryIdentityJson.Serialize((await Manager.FindByCredentialsIdentifierAsync(typed, CredentialsType.Password))!).Should().Be(expected);
        }
    }

    /// <summary>An unknown identifier, and the identifier of a deleted identity, find nothing (null, not an exception).</summary>
    [ConformanceCase]
    public async Task An_unknown_identifier_or_a_deleted_identitys_finds_null()
    {
        (await Manager.FindByCredentialsIdentifierAsync("nobody@example.org")).Should().BeNull();
        (await Manager.FindByCredentialsIdentifierAsync("nobody@example.org", CredentialsType.Password)).Should().BeNull();

        await Manager.DeleteAsync(_ada.Id);

        (await Manager.FindByCredentialsIdentifierAsync("ada@example.org")).Should().BeNull();
        (await Manager.FindByCredentialsIdentifierAsync("ada@example.org", CredentialsType.Password)).Should().BeNull();
    }

    /// <summary>A type narrows the lookup; OIDC identifiers match as given (case-sensitive), as in Kratos.</summary>
    [ConformanceCase]
    public async Task A_type_narrows_the_lookup_and_oidc_identifiers_match_as_given()
    {
        (await Manager.FindByCredentialsIdentifierAsync("google:Subject-1", CredentialsType.Oidc))!.Id.Should().Be(_grace.Id);
        (await Manager.FindByCredentialsIdentifierAsync("google:Subject-1"))!.Id.Should().Be(_grace.Id);
        (await Manager.FindByCredentialsIdentifierAsync("google:Subject-1", CredentialsType.Password)).Should().BeNull();
        (await Manager.FindByCredentialsIdentifierAsync("grace@example.org", CredentialsType.Oidc)).Should().BeNull();
        (await Manager.FindByCredentialsIdentifierAsync("google:subject-1", CredentialsType.Oidc)).Should().BeNull();
        (await Manager.FindByCredentialsIdentifierAsync("GOOGLE:SUBJECT-1")).Should().BeNull();
    }

    /// <summary>Included credential types carry their config, as in <see cref="IIdentityManager.GetAsync"/>.</summary>
    [ConformanceCase]
    public async Task Included_credentials_carry_their_config_as_GetAsync_shows_them()
    {
        var options = new IdentityQueryOptions { IncludeCredentials = [CredentialsType.Password, CredentialsType.Oidc] };

        var found = await Manager.FindByCredentialsIdentifierAsync("grace@example.org", options: options);

        found!.Credentials[CredentialsType.Password].Config!.Value.GetProperty("hashed_password").GetString().Should().Be(Hash);
        OryIdentityJson.Serialize(found).Should().Be(OryIdentityJson.Serialize(await Manager.GetAsync(_grace.Id, options)));
        (await Manager.FindByCredentialsIdentifierAsync("grace@example.org"))!.Credentials[CredentialsType.Password].Config.Should().BeNull();
    }

    /// <summary>
    /// Without a type, the lookup returns exactly the first item of the list filtered by the same identifier (the
    /// authoritative path), byte for byte, for hits and misses, with and without included credentials.
    /// </summary>
    [ConformanceCase]
    public async Task Without_a_type_it_returns_exactly_the_first_item_of_the_list_filter()
    {
        IReadOnlyList<CredentialsType>?[] includes = [null, [CredentialsType.Password, CredentialsType.Oidc]];
        foreach (var identifier in new[] { "ada@example.org", " GRACE@example.org", "google:Subject-1", "google:subject-1", "alan@example.org", "nobody@example.org" })
        {
            foreach (var include in includes)
            {
                var page = await Manager.ListAsync(new IdentityListQuery { CredentialsIdentifier = identifier, IncludeCredentials = include });
                var found = await Manager.FindByCredentialsIdentifierAsync(identifier, options: new IdentityQueryOptions { IncludeCredentials = include });

                (found is null ? null : OryIdentityJson.Serialize(found)).Should().Be(
                    page.Items.Count == 0 ? null : OryIdentityJson.Serialize(page.Items[0]), "the lookup of {0}", identifier);
            }
        }
    }

    private Task<Identity> CreateAsync(string email, string? credentials) =>
        Manager.CreateAsync(OryIdentityJson.Deserialize<CreateIdentityRequest>(
            $$"""{"traits":{"email":"{{email}}"}{{(credentials is null ? string.Empty : ",\"credentials\":" + credentials)}}}"""));
}
