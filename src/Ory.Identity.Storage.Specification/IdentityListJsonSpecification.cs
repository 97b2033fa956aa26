using System.Text;
using Microsoft.Extensions.DependencyInjection;

namespace Ory.Identity.Storage.Specification;

/// <summary>
/// The differential test of <see cref="IIdentityManager.ListJsonAsync"/> over the store under test: for varied
/// identities (credentials of several types and hashes, metadata, addresses, states, organizations, unicode and escaped
/// traits, a stale or unknown schema URL) and every list filter, page size and page token, its bytes and next page token
/// are those of <see cref="IIdentityManager.ListAsync"/>'s items serialized by <see cref="OryIdentityJson"/> (the model
/// path). A store that implements <see cref="IIdentityJsonListing"/> must also list the same identities as
/// <see cref="IIdentityStore.ListAsync"/>, each as the serializer wrote it (so the manager takes the fast path). Derive
/// a sealed class and register the storage under test in <see cref="UseStorageAsync"/>.
/// </summary>
/// <example>
/// <code>
/// public sealed class MyStoreListJsonTests : IdentityListJsonSpecification
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
public abstract class IdentityListJsonSpecification : ConformanceKit
{
    private const string PersonSchema =
        """
        {"type":"object","properties":{"traits":{"type":"object","properties":{
          "email":{"type":"string","format":"email","ory.sh/kratos":{"credentials":{"password":{"identifier":true}},"verification":{"via":"email"},"recovery":{"via":"email"}}},
          "name":{"type":"string"},"age":{"type":"number"},"tags":{"type":"array"}},
          "required":["email"]}}}
        """;

    private const string OtherSchema =
        """{"type":"object","properties":{"traits":{"type":"object","properties":{"nick":{"type":"string"}}}}}""";

    // A bcrypt hash of "password" (cost 4), imported as Kratos imports hashed passwords.
    private const string Bcrypt = "$2a$04$BtfqCW1TyEwm3ZJvmlHrr.QeuwdxJLD5AcMs31Dg28VqxUfr7J6Ra";

    private static readonly Guid Organization = Guid.Parse("0b7c6f2e-4f1d-4c8e-9a53-2d1c3b4a5e6f");

    private ServiceProvider? _services;
    private List<Identity> _created = [];

    /// <summary>The identity manager over the store under test.</summary>
    protected IIdentityManager Manager => Get<IIdentityManager>();

    /// <summary>Registers the storage under test (identity and recovery stores) on a fresh, empty database.</summary>
    protected abstract Task UseStorageAsync(OryIdentityBuilder builder);

    /// <summary>Every case of this kit by name, for a data-driven test (<see cref="ConformanceKit"/>).</summary>
    public static IEnumerable<object[]> Cases => CasesOf<IdentityListJsonSpecification>();

    /// <summary>Builds the services over the storage under test and creates the varied identities.</summary>
    protected override async Task SetUpAsync()
    {
        var services = new ServiceCollection();
        var builder = services
            .AddOryIdentity(o => o.Secrets.Default = ["a-list-json-spec-secret-00000001"])
            .AddSchemaJson("default", PersonSchema)
            .AddSchemaJson("other", OtherSchema);
        await UseStorageAsync(builder);
        _services = services.BuildServiceProvider();

        var requests = Enumerable.Range(0, 30).Select(Variant).ToArray();
        var result = await Manager.CreateManyAsync(requests);
        _created = [];
        foreach (var item in result.Identities)
        {
            _created.Add(await Manager.GetAsync(item!.Identity!.Value, new IdentityQueryOptions { IncludeCredentials = [CredentialsType.Password] }));
        }

        // Stored as an older release or another host wrote them: a schema URL that is no longer the configured one, and
        // a schema that is not configured at all (its stored URL stays).
        var store = Get<IIdentityStore>();
        var stale = IdentityStoreTestData.NewIdentity() with { SchemaId = "default", SchemaUrl = "http://old.example.org/schemas/ZGVmYXVsdA" };
        var unknown = IdentityStoreTestData.NewIdentity() with { SchemaId = "retired", SchemaUrl = "http://old.example.org/schemas/cmV0aXJlZA" };
        await store.InsertAsync(stale);
        await store.InsertAsync(unknown);
    }

    /// <summary>Disposes the services.</summary>
    protected override async Task TearDownAsync()
    {
        if (_services is not null)
        {
            await _services.DisposeAsync();
        }
    }

    /// <summary>Every page of every size, followed by its page tokens, has the model path's bytes and next token.</summary>
    [ConformanceCase(1)]
    [ConformanceCase(7)]
    [ConformanceCase(250)]
    [ConformanceCase(500)]
    public async Task Every_page_of_every_size_has_the_model_paths_bytes(int pageSize)
    {
        var pages = await ShouldMatchEveryPageAsync(new IdentityListQuery { PageSize = pageSize });

        var stored = _created.Count + 2;
        pages.Should().Be((stored + pageSize - 1) / pageSize);
    }

    /// <summary>The default page (no page size) has the model path's bytes.</summary>
    [ConformanceCase]
    public Task The_default_page_has_the_model_paths_bytes() => ShouldMatchEveryPageAsync(new IdentityListQuery());

    /// <summary>Each filter, with small pages and their tokens, has the model path's bytes.</summary>
    [ConformanceCase("ids")]
    [ConformanceCase("credentials_identifier")]
    [ConformanceCase("credentials_identifier raw")]
    [ConformanceCase("preview_credentials_identifier_similar")]
    [ConformanceCase("organization_id")]
    [ConformanceCase("schema_id")]
    [ConformanceCase("include_credential")]
    [ConformanceCase("no match")]
    public async Task Each_filter_has_the_model_paths_bytes(string filter)
    {
        var query = filter switch
        {
            "ids" => new IdentityListQuery { Ids = [.. _created.Where((_, i) => i % 3 == 0).Select(i => i.Id)] },
            "credentials_identifier" => new IdentityListQuery { CredentialsIdentifier = Email(4) },
            "credentials_identifier raw" => new IdentityListQuery { CredentialsIdentifier = Email(4).ToUpperInvariant() },
            "preview_credentials_identifier_similar" => new IdentityListQuery { CredentialsIdentifierSimilar = "list-json-1" },
            "organization_id" => new IdentityListQuery { OrganizationId = Organization },
            "schema_id" => new IdentityListQuery { SchemaId = "other" },
            "include_credential" => new IdentityListQuery { IncludeCredentials = [CredentialsType.Password, CredentialsType.Oidc] },
            _ => new IdentityListQuery { Ids = [Guid.NewGuid()] },
        };

        await ShouldMatchEveryPageAsync(query with { PageSize = 2 });
        await ShouldMatchEveryPageAsync(query);
    }

    /// <summary>
    /// A store that implements <see cref="IIdentityJsonListing"/> lists the identities <see cref="IIdentityStore.ListAsync"/>
    /// lists, each as <see cref="OryIdentityJson"/> writes it, with or without its credentials.
    /// </summary>
    [ConformanceCase]
    public async Task A_json_listing_store_lists_each_identity_as_the_serializer_wrote_it()
    {
        var store = Get<IIdentityStore>();
        if (store is not IIdentityJsonListing listing)
        {
            return;
        }

        var query = new IdentityStoreQuery { Limit = 500 };
        var documents = await listing.ListJsonAsync(query);
        var identities = await store.ListAsync(query);

        documents.Select(d => d.Id).Should().Equal(identities.Select(i => i.Id));
        for (var i = 0; i < identities.Count; i++)
        {
            var written = Encoding.UTF8.GetString(documents[i].Utf8Json.Span);
            var withoutCredentials = OryIdentityJson.Serialize(identities[i] with { Credentials = new Dictionary<CredentialsType, IdentityCredentials>() });
            if (written != withoutCredentials)
            {
                written.Should().Be(OryIdentityJson.Serialize(identities[i]));
            }
        }
    }

    // Reads every page of the query through both paths and compares them; returns the number of pages.
    private async Task<int> ShouldMatchEveryPageAsync(IdentityListQuery query)
    {
        var pages = 0;
        var current = query;
        while (true)
        {
            var model = await Manager.ListAsync(current);
            var json = await Manager.ListJsonAsync(current);
            pages++;

            Encoding.UTF8.GetString(json.Utf8Json.Span).Should().Be(OryIdentityJson.Serialize(model.Items), "page {0} of {1}", pages, current);
            json.NextPageToken.Should().Be(model.NextPageToken);
            if (model.NextPageToken is null)
            {
                return pages;
            }

            current = current with { PageToken = model.NextPageToken };
        }
    }

    private static string Email(int i) => $"list-json-{i}@example.org";

    // Thirty identities in shapes that differ in every member the view writes or leaves out.
    private static CreateIdentityRequest Variant(int i)
    {
        var json = (i % 6) switch
        {
            0 => """{"traits":{"email":"EMAIL"}}""",
            1 => """
                   {"traits":{"email":"EMAIL","name":"Zoë \"Q\" <b>&amp; 😀 \\ \u0001 \u2028 é","age":1.0,"tags":["a",1e2,null,{"k":[]}]},
                    "credentials":{"password":{"config":{"hashed_password":"HASH"}}},
                    "metadata_public":{"plan":"pro","nested":{"ü":[1,2.50,"\u00e9"]}},"metadata_admin":{"note":"</script>"}}
                   """,
            2 => """
                   {"traits":{"email":"EMAIL"},"state":"inactive","external_id":"ext-N-ñ",
                    "credentials":{"oidc":{"config":{"providers":[{"provider":"google","subject":"sub-N"},{"provider":"github","subject":"gh-N"}]}},
                                   "password":{"config":{"hashed_password":"HASH"}}}}
                   """,
            3 => """{"traits":{"email":"EMAIL","age":-0.5e-3},"organization_id":"ORG","metadata_public":null,"metadata_admin":[]}""",
            4 => """
                   {"traits":{"email":"EMAIL"},"verifiable_addresses":[{"value":"EMAIL","via":"email","verified":true,"status":"completed"}],
                    "credentials":{"password":{"config":{"hashed_password":"HASH"}}},"organization_id":"ORG"}
                   """,
            _ => """{"schema_id":"other","traits":{"nick":"日本語 N"},"metadata_admin":"plain"}""",
        };
        json = json.Replace("EMAIL", Email(i), StringComparison.Ordinal).Replace("HASH", Bcrypt, StringComparison.Ordinal)
            .Replace("ORG", Organization.ToString(), StringComparison.Ordinal).Replace("-N", $"-{i}", StringComparison.Ordinal);
        return OryIdentityJson.Deserialize<CreateIdentityRequest>(json);
    }

    private T Get<T>()
        where T : notnull => (_services ?? throw new InvalidOperationException("The services are built in SetUpAsync.")).GetRequiredService<T>();
}
