using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Ory.Identity.AspNetCore.Tests.Support;
using Ory.Identity.Storage;

namespace Ory.Identity.AspNetCore.Tests.Recovery;

/// <summary><c>POST /admin/invitations</c>: 201 with the invitation and one invite message; every bad request a Kratos error that stores and sends nothing.</summary>
public sealed class InvitationsApiTests : IAsyncLifetime
{
    private const string PlainSchema = """{"type":"object","properties":{"traits":{"type":"object","properties":{"email":{"type":"string"}}}}}""";

    private HttpTestHost _host = null!;
    private Guid _person;
    private Guid _machine;
    private Guid _plain;

    public async Task InitializeAsync()
    {
        _host = await HttpTestHost.StartAsync(o =>
        {
            o.SelfService.AllowedReturnUrls = ["https://app.example.com/"];
            o.SelfService.Flows.Recovery.RateLimit.MaxMessages = 3;
            o.Identity.Schemas.Add(new IdentitySchemaOptions
            {
                Id = "service",
                Url = "file://" + Path.Combine(AppContext.BaseDirectory, "TestData", "service-account.schema.json"),
                Kind = IdentitySchemaKind.Machine,
            });
            o.Identity.Schemas.Add(new IdentitySchemaOptions { Id = "plain", Url = "base64://" + Convert.ToBase64String(Encoding.UTF8.GetBytes(PlainSchema)) });
        });
        _person = await _host.CreateIdentityAsync("invitee@ory.sh");
        _machine = await CreateAsync("""{"schema_id":"service","traits":{"name":"ci","owner":"team@ory.sh"}}""");
        _plain = await CreateAsync("""{"schema_id":"plain","traits":{"email":"plain@ory.sh"}}""");
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private async Task<Guid> CreateAsync(string json)
    {
        var (response, body) = await _host.PostAsync("/admin/identities", json);
        response.StatusCode.Should().Be(HttpStatusCode.Created, body.ToString());
        return body.GetProperty("id").GetGuid();
    }

    // Every flow, secret and rate-limit window in the store (all expired at the end of time).
    private async Task<int> StoredRecoveryRowsAsync() =>
        await _host.Services.GetRequiredService<IRecoveryStore>().DeleteExpiredAsync(Instant.MaxValue);

    private static ByteArrayContent Bytes(params byte[][] parts)
    {
        var content = new ByteArrayContent(parts.SelectMany(p => p).ToArray());
        content.Headers.ContentType = MediaTypeHeaderValue.Parse("application/json");
        return content;
    }

    [Fact]
    public async Task An_invitation_answers_201_with_the_link_and_the_id_of_the_one_message_sent()
    {
        var (response, body) = await _host.PostAsync("/admin/invitations",
            $$"""{"identity_id":"{{_person}}","expires_in":"12h","return_to":"https://app.example.com/welcome"}""");

        response.StatusCode.Should().Be(HttpStatusCode.Created, body.ToString());
        response.Headers.CacheControl!.NoStore.Should().BeTrue();
        body.EnumerateObject().Select(p => p.Name).Should().Equal("identity_id", "recovery_link", "expires_at", "message_id");
        body.GetProperty("identity_id").GetGuid().Should().Be(_person);
        body.GetProperty("expires_at").GetString().Should().Be("2026-11-27T22:00:00Z");
        var link = body.GetProperty("recovery_link").GetString()!;
        link.Should().StartWith("http://127.0.0.1:4455/self-service/recovery?flow=");

        var message = _host.Outbox.Messages.Should().ContainSingle().Subject;
        message.Id.Should().Be(body.GetProperty("message_id").GetGuid());
        message.TemplateType.Should().Be(RecoveryTemplateType.Invite);
        message.Recipient.Should().Be("invitee@ory.sh");
        message.RecoveryUrl.Should().Be(link);

        var query = System.Web.HttpUtility.ParseQueryString(new Uri(link).Query);
        var redemption = await _host.Services.GetRequiredService<IRecoveryRedeemer>().RedeemLinkAsync(Guid.Parse(query["flow"]!), query["token"]!);
        redemption.IdentityId.Should().Be(_person);
        redemption.Flow.ReturnTo.Should().Be("https://app.example.com/welcome");
    }

    [Fact]
    public async Task Null_and_empty_optional_fields_mean_the_defaults()
    {
        var (response, body) = await _host.PostAsync("/admin/invitations", $$"""{"identity_id":"{{_person}}","expires_in":null,"return_to":""}""");

        response.StatusCode.Should().Be(HttpStatusCode.Created, body.ToString());
        body.GetProperty("expires_at").GetString().Should().Be("2026-11-27T11:00:00Z");
    }

    public static TheoryData<string, int, string?, string?> BadBodies => new()
    {
        { "{}", 400, "\"identity_id\" is required.", null },
        { """{"identity_id":"nope"}""", 400, "\"identity_id\" must be a UUID string.", null },
        { """{"identity_id":42}""", 400, "\"identity_id\" must be a UUID string.", null },
        { """{"identity_id":"{person}","expires_in":"12x"}""", 400, "Unable to parse \"expires_in\" as a duration string (e.g. \"1h\", \"1m30s\", \"500ms\"): 12x", null },
        { """{"identity_id":"{person}","expires_in":"0s"}""", 400, "Value from \"expires_in\" must be result to a future time: 0s", null },
        { """{"identity_id":"{person}","expires_in":"-1h"}""", 400, "Value from \"expires_in\" must be result to a future time: -1h0m0s", null },
        { """{"identity_id":"{person}","expires_in":3600}""", 400, "\"expires_in\" must be a duration string such as \"12h\".", null },
        { """{"identity_id":"{person}","return_to":"https://evil.example.net/"}""", 400, null, null },
        { """{"identity_id":"{person}","return_to":"/relative"}""", 400, "Requested return_to URL \"/relative\" is not allowed.", null },
        { """{"identity_id":"{person}","return_to":true}""", 400, "\"return_to\" must be a URL string.", null },
        { """{"identity_id":"{person}","flow_type":"api"}""", 400, null, "json: unknown field \"flow_type\"" },
        { """[{"identity_id":"{person}"}]""", 400, null, "json: cannot unmarshal a non-object into the invitation request body" },
        { "not json", 400, null, null },
        { """{"identity_id":"{unknown}"}""", 404, null, null },
        { """{"identity_id":"00000000-0000-0000-0000-000000000000"}""", 404, null, null },
        { """{"identity_id":"{machine}"}""", 400, "This identity is a machine identity: machine identities cannot be recovered; issue it a new API key instead.", null },
        { """{"identity_id":"{plain}"}""", 400, InvitationRefusedException.NoRecoveryAddressReason, null },
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task A_bad_request_is_a_kratos_error_that_sends_and_stores_nothing(string json, int status, string? reason, string? message)
    {
        json = json.Replace("{person}", _person.ToString(), StringComparison.Ordinal)
            .Replace("{machine}", _machine.ToString(), StringComparison.Ordinal)
            .Replace("{plain}", _plain.ToString(), StringComparison.Ordinal)
            .Replace("{unknown}", Guid.NewGuid().ToString(), StringComparison.Ordinal);

        var (response, body) = await _host.PostAsync("/admin/invitations", json);

        ((int)response.StatusCode).Should().Be(status, body.ToString());
        body.ShouldBeKratosError(status, reason, message);
        _host.Outbox.Messages.Should().BeEmpty();
        (await StoredRecoveryRowsAsync()).Should().Be(0);
    }

    [Fact]
    public async Task Invalid_utf8_in_the_body_is_a_400_never_a_500()
    {
        var inId = Bytes("{\"identity_id\":\""u8.ToArray(), [0xff, 0xfe], "\"}"u8.ToArray());
        var inExpiresIn = Bytes(Encoding.UTF8.GetBytes($$"""{"identity_id":"{{_person}}","expires_in":"1"""), [0xc3, 0x28], "h\"}"u8.ToArray());

        var (first, firstBody) = await _host.SendAsync(HttpMethod.Post, "/admin/invitations", inId);
        var (second, secondBody) = await _host.SendAsync(HttpMethod.Post, "/admin/invitations", inExpiresIn);

        first.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        firstBody.ShouldBeKratosError(400, "\"identity_id\" must be a UUID string.");
        second.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        secondBody.ShouldBeKratosError(400, "Unable to parse \"expires_in\" as a duration string (e.g. \"1h\", \"1m30s\", \"500ms\"): 1\uFFFD(h");
        _host.Outbox.Messages.Should().BeEmpty();
        _host.Logs.Lines.Should().NotContain(l => l.StartsWith("Error", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_empty_or_form_body_is_refused_as_on_the_recovery_link_endpoint()
    {
        var (empty, emptyBody) = await _host.SendAsync(HttpMethod.Post, "/admin/invitations", HttpTestHost.RawJson(string.Empty));
        var (form, formBody) = await _host.SendAsync(HttpMethod.Post, "/admin/invitations", new FormUrlEncodedContent([new("identity_id", _person.ToString())]));

        empty.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        emptyBody.ShouldBeKratosError(400, reason: "Unable to decode HTTP Request Body because its HTTP Header \"Content-Length\" is zero.");
        form.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        formBody.ShouldBeKratosError(400, reason: "HTTP POST Request used unknown HTTP Header \"Content-Type: application/x-www-form-urlencoded\", only [application/json] are supported.");
        _host.Outbox.Messages.Should().BeEmpty();
    }

    [Fact]
    public async Task Over_the_recovery_rate_limit_the_answer_is_429_and_nothing_is_sent()
    {
        for (var i = 0; i < 3; i++)
        {
            (await _host.PostAsync("/admin/invitations", $$"""{"identity_id":"{{_person}}"}""")).Response.StatusCode.Should().Be(HttpStatusCode.Created);
        }

        var (response, body) = await _host.PostAsync("/admin/invitations", $$"""{"identity_id":"{{_person}}"}""");

        response.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
        body.ShouldBeKratosError(429, "The address reached the limit of 3 recovery messages per 1h0m0s (selfservice.flows.recovery.rate_limit).", RecoveryRateLimitedException.ErrorMessage);
        body.GetProperty("error").GetProperty("status").GetString().Should().Be("Too Many Requests");
        _host.Outbox.Messages.Should().HaveCount(3);
    }

    [Fact]
    public async Task With_recovery_disabled_invitations_are_refused()
    {
        await using var host = await HttpTestHost.StartAsync(o => o.SelfService.Flows.Recovery.Enabled = false);
        var id = await host.CreateIdentityAsync("off@ory.sh");

        var (response, body) = await host.PostAsync("/admin/invitations", $$"""{"identity_id":"{{id}}"}""");

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        body.ShouldBeKratosError(400, "Recovery is not allowed because it was disabled.");
        host.Outbox.Messages.Should().BeEmpty();
    }

    [Fact]
    public async Task Only_the_admin_path_answers_and_kratos_endpoints_keep_their_shape()
    {
        var (legacy, _) = await _host.PostAsync("/invitations", $$"""{"identity_id":"{{_person}}"}""");
        var (link, linkBody) = await _host.PostAsync("/admin/recovery/link", $$"""{"identity_id":"{{_person}}"}""");

        legacy.StatusCode.Should().Be(HttpStatusCode.NotFound);
        link.StatusCode.Should().Be(HttpStatusCode.OK);
        linkBody.EnumerateObject().Select(p => p.Name).Should().Equal("recovery_link", "expires_at");
        _host.Outbox.Messages.Should().BeEmpty();
    }
}
