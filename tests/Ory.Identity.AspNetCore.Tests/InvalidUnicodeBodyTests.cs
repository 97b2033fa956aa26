using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Ory.Identity.AspNetCore.Tests.Support;

namespace Ory.Identity.AspNetCore.Tests;

/// <summary>
/// Invalid UTF-8 and unpaired surrogate escapes in JSON bodies are read as Kratos's Go decoder reads them (U+FFFD) on
/// every endpoint: never a 500, never an error log.
/// </summary>
public sealed class InvalidUnicodeBodyTests : IAsyncLifetime
{
    private const string Replacement = "\uFFFD";

    private HttpTestHost _host = null!;

    public async Task InitializeAsync() => _host = await ApiKeyHttpTests.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    /// <summary>JSON text with <c>%s</c> standing for raw bytes, e.g. <c>Body("{\"a\":\"%s\"}", 0xff)</c>.</summary>
    private static ByteArrayContent Body(string json, params byte[] raw)
    {
        var at = json.IndexOf("%s", StringComparison.Ordinal);
        var bytes = at < 0
            ? Encoding.UTF8.GetBytes(json)
            : [.. Encoding.UTF8.GetBytes(json[..at]), .. raw, .. Encoding.UTF8.GetBytes(json[(at + 2)..])];
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse("application/json");
        return content;
    }

    private static ByteArrayContent Escaped(string json) => Body(json);

    private void ShouldHaveLoggedNoError() =>
        _host.Logs.Lines.Should().NotContain(l => l.StartsWith("Error", StringComparison.Ordinal) || l.Contains("[3001]", StringComparison.Ordinal));

    public static TheoryData<byte[], string> InvalidNames => new()
    {
        { [0xff], Replacement },
        { [0xf0, 0x9f, 0x98], Replacement + Replacement + Replacement },
        { [0xed, 0xa0, 0x80], Replacement + Replacement + Replacement },
        { "\\ud800"u8.ToArray(), Replacement },
        { "\\udc00\\ud800"u8.ToArray(), Replacement + Replacement },
        { "\\ud83d\\ude00"u8.ToArray(), "\U0001F600" },
    };

    [Theory]
    [MemberData(nameof(InvalidNames))]
    public async Task Create_stores_what_kratos_stores(byte[] raw, string expected)
    {
        var (response, body) = await _host.SendAsync(HttpMethod.Post, "/admin/identities",
            Body("""{"schema_id":"default","traits":{"email":"a@ory.sh","name":{"first":"X%sY"}}}""", raw));

        response.StatusCode.Should().Be(HttpStatusCode.Created, body.ToString());
        body.GetProperty("traits").GetProperty("name").GetProperty("first").GetString().Should().Be($"X{expected}Y");
        var (_, stored) = await _host.GetAsync($"/admin/identities/{body.GetProperty("id").GetGuid()}");
        stored.GetProperty("traits").GetProperty("name").GetProperty("first").GetString().Should().Be($"X{expected}Y");
        ShouldHaveLoggedNoError();
    }

    [Fact]
    public async Task The_issues_create_reproduction_is_not_a_500()
    {
        var (response, body) = await _host.SendAsync(HttpMethod.Post, "/admin/identities",
            Body("""{"schema_id":"default","traits":{"email":"%s@x.com"}}""", 0xff));

        response.StatusCode.Should().Be(HttpStatusCode.Created, body.ToString());
        body.GetProperty("traits").GetProperty("email").GetString().Should().Be(Replacement + "@x.com");
        ShouldHaveLoggedNoError();
    }

    [Fact]
    public async Task The_issues_self_service_recovery_reproduction_is_not_a_500()
    {
        var (_, flow) = await _host.GetAsync("/self-service/recovery/api");
        var (response, body) = await _host.SendAsync(HttpMethod.Post, $"/self-service/recovery?flow={flow.GetProperty("id").GetGuid()}",
            Escaped("""{"method":"link","email":"\ud800@x.com"}"""));

        response.StatusCode.Should().Be(HttpStatusCode.OK, body.ToString());
        body.GetProperty("state").GetString().Should().Be("sent_email");
        body.GetRawText().Should().Contain(Replacement + "@x.com");
        ShouldHaveLoggedNoError();
    }

    [Fact]
    public async Task A_form_submission_reads_its_transient_payload_as_kratos_does()
    {
        var (_, flow) = await _host.GetAsync("/self-service/recovery/api");
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["method"] = "link",
            ["email"] = "someone@ory.sh",
            ["transient_payload"] = """{"note":"\ud800"}""",
        });
        var (response, body) = await _host.SendAsync(HttpMethod.Post, $"/self-service/recovery?flow={flow.GetProperty("id").GetGuid()}", form, accept: "application/json");

        response.StatusCode.Should().Be(HttpStatusCode.OK, body.ToString());
        body.GetProperty("transient_payload").GetProperty("note").GetString().Should().Be(Replacement);
        ShouldHaveLoggedNoError();
    }

    [Theory]
    [InlineData("[1]")]
    [InlineData("\"x\"")]
    [InlineData("3")]
    public async Task A_form_transient_payload_that_is_not_an_object_is_refused_as_in_a_json_body(string payload)
    {
        var (_, flow) = await _host.GetAsync("/self-service/recovery/api");
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["method"] = "link",
            ["email"] = "someone@ory.sh",
            ["transient_payload"] = payload,
        });
        var (response, body) = await _host.SendAsync(HttpMethod.Post, $"/self-service/recovery?flow={flow.GetProperty("id").GetGuid()}", form, accept: "application/json");

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest, body.ToString());
        body.GetProperty("error").GetProperty("reason").GetString().Should().Be("transient_payload must be an object");
        ShouldHaveLoggedNoError();
    }

    [Fact]
    public async Task Update_and_patch_store_u_fffd()
    {
        var id = await _host.CreateIdentityAsync("u@ory.sh");

        var (put, putBody) = await _host.SendAsync(HttpMethod.Put, $"/admin/identities/{id}",
            Body("""{"schema_id":"default","traits":{"email":"u@ory.sh","name":{"first":"%s"}},"metadata_public":{"m":"\udfff"}}""", 0xc0, 0xaf));
        put.StatusCode.Should().Be(HttpStatusCode.OK, putBody.ToString());
        putBody.GetProperty("traits").GetProperty("name").GetProperty("first").GetString().Should().Be(Replacement + Replacement);
        putBody.GetProperty("metadata_public").GetProperty("m").GetString().Should().Be(Replacement);

        var (patch, patchBody) = await _host.SendAsync(HttpMethod.Patch, $"/admin/identities/{id}",
            Escaped("""[{"op":"replace","path":"/traits/name/last","value":"L\ud800"}]"""));
        patch.StatusCode.Should().Be(HttpStatusCode.OK, patchBody.ToString());
        patchBody.GetProperty("traits").GetProperty("name").GetProperty("last").GetString().Should().Be("L" + Replacement);
        ShouldHaveLoggedNoError();
    }

    [Fact]
    public async Task A_batch_creates_its_items_with_u_fffd()
    {
        var (response, body) = await _host.SendAsync(HttpMethod.Patch, "/admin/identities",
            Body("""{"identities":[{"create":{"schema_id":"default","traits":{"email":"b@ory.sh","name":{"first":"%s"}}}}]}""", 0xfe));

        response.StatusCode.Should().Be(HttpStatusCode.OK, body.ToString());
        var id = body.GetProperty("identities")[0].GetProperty("identity").GetGuid();
        var (_, stored) = await _host.GetAsync($"/admin/identities/{id}");
        stored.GetProperty("traits").GetProperty("name").GetProperty("first").GetString().Should().Be(Replacement);
        ShouldHaveLoggedNoError();
    }

    [Fact]
    public async Task An_imported_cleartext_password_is_hashed_as_kratos_reads_it()
    {
        var (response, body) = await _host.SendAsync(HttpMethod.Post, "/admin/identities",
            Escaped("""{"schema_id":"default","traits":{"email":"p@ory.sh"},"credentials":{"password":{"config":{"password":"correct-horse-\ud800-battery"}}}}"""));
        response.StatusCode.Should().Be(HttpStatusCode.Created, body.ToString());

        var manager = (IIdentityManager)_host.Services.GetService(typeof(IIdentityManager))!;
        var check = await manager.VerifyPasswordAsync("p@ory.sh", "correct-horse-" + Replacement + "-battery");
        check.Succeeded.Should().BeTrue();
        ShouldHaveLoggedNoError();
    }

    [Fact]
    public async Task An_invalid_property_name_is_an_unknown_field()
    {
        var (response, body) = await _host.SendAsync(HttpMethod.Post, "/admin/identities",
            Body("""{"schema_id":"default","traits":{"email":"n@ory.sh"},"%s":1}""", 0xff));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        body.ShouldBeKratosError(400, message: $"json: unknown field \"{Replacement}\"");
        ShouldHaveLoggedNoError();
    }

    [Fact]
    public async Task Admin_recovery_bodies_quote_u_fffd_in_their_errors()
    {
        var id = await _host.CreateIdentityAsync("r@ory.sh");

        var (link, linkBody) = await _host.SendAsync(HttpMethod.Post, "/admin/recovery/link",
            Body($$"""{"identity_id":"{{id}}","expires_in":"1h%s"}""", 0xff));
        link.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        linkBody.ShouldBeKratosError(400, reason: $"Unable to parse \"expires_in\" as a duration string (e.g. \"1h\", \"1m30s\", \"500ms\"): 1h{Replacement}");

        var (code, codeBody) = await _host.SendAsync(HttpMethod.Post, "/admin/recovery/code",
            Escaped($$"""{"identity_id":"{{id}}","flow_type":"ap\udc00"}"""));
        code.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        codeBody.ShouldBeKratosError(400, reason: $"Value from \"flow_type\" is not valid: \"ap{Replacement}\"");
        ShouldHaveLoggedNoError();
    }

    [Fact]
    public async Task An_api_key_name_is_stored_with_u_fffd()
    {
        var (created, identity) = await _host.PostAsync("/admin/identities", """{"schema_id":"service","traits":{"name":"ci","owner":"platform@example.com"}}""");
        created.StatusCode.Should().Be(HttpStatusCode.Created, identity.ToString());

        var (response, body) = await _host.SendAsync(HttpMethod.Post, $"/admin/identities/{identity.GetProperty("id").GetGuid()}/api-keys",
            Body("""{"name":"de%sploy"}""", 0xff));

        response.StatusCode.Should().Be(HttpStatusCode.Created, body.ToString());
        body.GetProperty("key").GetProperty("name").GetString().Should().Be("de" + Replacement + "ploy");
        ShouldHaveLoggedNoError();
    }
}
