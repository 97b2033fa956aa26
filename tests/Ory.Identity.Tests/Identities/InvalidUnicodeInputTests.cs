using System.Text;
using System.Text.Json;
using Ory.Identity.Tests.Support;

namespace Ory.Identity.Tests.Identities;

/// <summary>
/// JSON values handed to the manager in process that hold invalid UTF-8 or an unpaired surrogate escape are refused
/// with a 400 naming the field, before anything reads them; nothing is stored.
/// </summary>
public sealed class InvalidUnicodeInputTests : IDisposable
{
    private readonly TestHost _host = new();

    public void Dispose() => _host.Dispose();

    private static JsonElement Parse(string json, params byte[] raw)
    {
        var at = json.IndexOf("%s", StringComparison.Ordinal);
        byte[] bytes = [.. Encoding.UTF8.GetBytes(json[..at]), .. raw, .. Encoding.UTF8.GetBytes(json[(at + 2)..])];
        return JsonDocument.Parse(bytes).RootElement.Clone();
    }

    private static JsonElement Lone() => Parse("""{"email":"a%s@ory.sh"}""", "\\ud800"u8.ToArray());

    private static JsonElement Broken() => Parse("""{"email":"a%s@ory.sh"}""", 0xff);

    private static async Task ShouldBeRefusedAsync(Func<Task> act, string field)
    {
        var error = (await act.Should().ThrowAsync<InvalidRequestException>()).Which.Error;
        error.Code.Should().Be(400);
        error.Reason.Should().Be($"The JSON at \"{field}\" holds text that is not valid Unicode (invalid UTF-8, or an unpaired UTF-16 surrogate escape such as \\ud800).");
    }

    [Fact]
    public async Task Create_refuses_invalid_traits_and_metadata_and_stores_nothing()
    {
        await ShouldBeRefusedAsync(() => _host.Manager.CreateAsync(new CreateIdentityRequest { Traits = Lone() }), "/traits");
        await ShouldBeRefusedAsync(() => _host.Manager.CreateAsync(new CreateIdentityRequest { Traits = Broken() }), "/traits");
        await ShouldBeRefusedAsync(
            () => _host.Manager.CreateAsync(TestHost.Create("""{"email":"m@ory.sh"}""") with { MetadataAdmin = Parse("""["%s"]""", 0xfe) }),
            "/metadata_admin");
        (await _host.CountAsync()).Should().Be(0);
    }

    [Fact]
    public async Task Create_refuses_an_invalid_credential_config_before_hashing()
    {
        var request = TestHost.Create("""{"email":"c@ory.sh"}""") with
        {
            Credentials = new IdentityCredentialsImport
            {
                Password = new CredentialsImportPart { Config = Parse("""{"password":"pa%sss-word-long-enough"}""", "\\udfff"u8.ToArray()) },
            },
        };

        await ShouldBeRefusedAsync(() => _host.Manager.CreateAsync(request), "/credentials/password/config");
        await ShouldBeRefusedAsync(() => _host.Manager.CreateManyAsync([TestHost.Create("""{"email":"ok@ory.sh"}"""), request]), "/credentials/password/config");
        (await _host.CountAsync()).Should().Be(0);
    }

    [Fact]
    public async Task Update_and_patch_refuse_and_leave_the_identity_unchanged()
    {
        var identity = await _host.Manager.CreateAsync(TestHost.Create("""{"email":"u@ory.sh"}"""));

        await ShouldBeRefusedAsync(() => _host.Manager.UpdateAsync(identity.Id, new UpdateIdentityRequest { Traits = Lone() }), "/traits");
        await ShouldBeRefusedAsync(
            () => _host.Manager.UpdateAsync(identity.Id, new UpdateIdentityRequest { Traits = identity.Traits, MetadataPublic = Parse("""{"k":"%s"}""", 0xc3) }),
            "/metadata_public");
        await ShouldBeRefusedAsync(
            () => _host.Manager.PatchAsync(identity.Id,
            [
                new JsonPatchOperation { Op = "replace", Path = "/metadata_public", Value = TestHost.Json("{}") },
                new JsonPatchOperation { Op = "replace", Path = "/traits/email", Value = Parse("\"%s\"", "\\ud800"u8.ToArray()) },
            ]),
            "/1/value");

        var stored = await _host.Manager.GetAsync(identity.Id);
        OryIdentityJson.Serialize(stored).Should().Be(OryIdentityJson.Serialize(identity));
    }

    [Fact]
    public async Task The_same_bytes_decoded_by_ory_identity_json_are_stored_with_u_fffd()
    {
        byte[] body = [.. """{"schema_id":"default","traits":{"email":"a"""u8, 0xff, .. """@ory.sh"},"metadata_public":"\ud800"}"""u8];

        var identity = await _host.Manager.CreateAsync(OryIdentityJson.Deserialize<CreateIdentityRequest>(body));

        identity.Traits.GetProperty("email").GetString().Should().Be("a\uFFFD@ory.sh");
        identity.MetadataPublic!.Value.GetString().Should().Be("\uFFFD");
    }

    [Theory]
    [InlineData("[null]", "unsupported operation: unknown")]
    [InlineData("[1]", "json: cannot unmarshal number into Go value of type jsonpatch.Operation")]
    [InlineData("{}", "json: cannot unmarshal object into Go value of type jsonpatch.Patch")]
    public void A_malformed_patch_decodes_to_kratos_400(string json, string message)
    {
        var act = () => OryIdentityJson.Deserialize<IReadOnlyList<JsonPatchOperation>>(json);
        act.Should().Throw<InvalidRequestException>().Which.Error.Message.Should().Be(message);
    }
}
