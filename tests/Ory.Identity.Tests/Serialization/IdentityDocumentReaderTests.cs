using System.Text;
using System.Text.Json;
using Ory.Identity.Serialization;
using Ory.Identity.Tests.Support;

namespace Ory.Identity.Tests.Serialization;

/// <summary>
/// The stores' fast identity reader reads every identity shape exactly as System.Text.Json does, and hands anything
/// unexpected back to it (so errors keep System.Text.Json's texts).
/// </summary>
public sealed class IdentityDocumentReaderTests : IDisposable
{
    private readonly TestHost _host = new();

    public void Dispose() => _host.Dispose();

    public static TheoryData<string> Requests =>
    [
        """{"traits":{"email":"plain@ory.sh"}}""",
        """{"traits":{"email":"Mixed@Ory.sh"},"state":"inactive","external_id":"legacy-42","organization_id":"2d3c4b5a-1f2e-4d3c-8b7a-6f5e4d3c2b1a","metadata_public":{"plan":"pro","n":[1,2.5,null]},"metadata_admin":{"note":"unicode ✓ \"quoted\""}}""",
        """{"traits":{"email":"hash@ory.sh"},"credentials":{"password":{"config":{"hashed_password":"$2a$04$ZzAYJdsLEZo3fnIY6ZHvluOfbsGyS04s6ItnsDfs3b3eAeJ7tB/gi"}}}}""",
        """{"traits":{"email":"social@ory.sh"},"credentials":{"oidc":{"config":{"providers":[{"provider":"google","subject":"abc","use_auto_link":true},{"provider":"github","subject":"X"}]}},"totp":{"config":{"totp_url":"otpauth://totp/x?secret=A"}},"lookup_secret":{"config":{"codes":[{"code":"a"}]}}}}""",
        """{"traits":{"email":"verified@ory.sh"},"verifiable_addresses":[{"value":"verified@ory.sh","via":"email","verified":true,"status":"completed"}]}""",
    ];

    [Theory]
    [MemberData(nameof(Requests))]
    public async Task Reads_stored_identities_as_system_text_json_does(string requestJson)
    {
        var created = await _host.Manager.CreateAsync(OryIdentityJson.Deserialize<CreateIdentityRequest>(requestJson));
        var stored = (await _host.Store.GetAsync(created.Id))!;
        var json = OryIdentityJson.Serialize(stored);

        var fast = IdentityDocumentReader.TryRead(Encoding.UTF8.GetBytes(json));
        var slow = JsonSerializer.Deserialize(json, OryIdentityJson.Options.GetTypeInfo(typeof(Identity)));

        fast.Should().NotBeNull("the reader takes every document the stores write");
        OryIdentityJson.Serialize(fast!).Should().Be(json).And.Be(OryIdentityJson.Serialize((Identity)slow!));
        fast!.ToAdminView([CredentialsType.Password]).Credentials.Keys.Should().Equal(stored.Credentials.Keys);
        OryIdentityJson.Deserialize<Identity>(json).Should().BeEquivalentTo(fast, o => o.ComparingByMembers<JsonElement>().Excluding(i => i.Traits)
            .Excluding(i => i.MetadataPublic).Excluding(i => i.MetadataAdmin).Excluding(i => i.Credentials));
    }

    [Theory]
    [InlineData("""{"id":"0195f0a8-0000-7000-8000-000000000001","schema_id":"default","traits":{},"created_at":"2026-01-02T03:04:05Z","updated_at":"2026-01-02T03:04:05Z","surprise":1}""")]
    [InlineData("""{"id":"0195f0a8-0000-7000-8000-000000000001","id":"0195f0a8-0000-7000-8000-000000000002","schema_id":"default","traits":{},"created_at":"2026-01-02T03:04:05Z","updated_at":"2026-01-02T03:04:05Z"}""")]
    [InlineData("""{"schema_id":"default","traits":{},"created_at":"2026-01-02T03:04:05Z","updated_at":"2026-01-02T03:04:05Z"}""")]
    [InlineData("""{"id":"0195f0a8-0000-7000-8000-000000000001","schema_id":"default","traits":{},"verifiable_addresses":[{"id":"0195f0a8-0000-7000-8000-000000000003","value":"a@b.c","verified":false,"via":"pigeon","status":"pending","created_at":"2026-01-02T03:04:05Z","updated_at":"2026-01-02T03:04:05Z"}],"created_at":"2026-01-02T03:04:05Z","updated_at":"2026-01-02T03:04:05Z"}""")]
    [InlineData("""{"id":"0195f0a8-0000-7000-8000-000000000001","schema_id":"default","traits":{},"credentials":{"password":{"type":"password","identifiers":["a"],"version":1,"created_at":"2026-01-02T03:04:05Z","updated_at":"2026-01-02T03:04:05Z"},"password":{"type":"password","identifiers":["b"],"version":1,"created_at":"2026-01-02T03:04:05Z","updated_at":"2026-01-02T03:04:05Z"}},"created_at":"2026-01-02T03:04:05Z","updated_at":"2026-01-02T03:04:05Z"}""")]
    [InlineData("""{"id":"not a guid","schema_id":"default","traits":{},"created_at":"2026-01-02T03:04:05Z","updated_at":"2026-01-02T03:04:05Z"}""")]
    [InlineData("""{"id":"0195f0a8-0000-7000-8000-000000000001","schema_id":"default","traits":{},"created_at":"2026-01-02T03:04:05Z","updated_at":"2026-01-02T03:04:05Z"} trailing""")]
    [InlineData("""[]""")]
    public void Hands_anything_unexpected_back_to_system_text_json(string json)
    {
        IdentityDocumentReader.TryRead(Encoding.UTF8.GetBytes(json)).Should().BeNull();

        // The public entry point then answers exactly what System.Text.Json answers.
        Identity? expected = null;
        string? expectedError = null;
        try
        {
            expected = (Identity?)JsonSerializer.Deserialize(json, OryIdentityJson.Options.GetTypeInfo(typeof(Identity)));
        }
        catch (JsonException)
        {
            expectedError = "error";
        }

        var read = () => OryIdentityJson.Deserialize<Identity>(json);
        if (expectedError is not null || expected is null)
        {
            read.Should().Throw<InvalidRequestException>();
        }
        else
        {
            OryIdentityJson.Serialize(read()).Should().Be(OryIdentityJson.Serialize(expected));
        }
    }
}
