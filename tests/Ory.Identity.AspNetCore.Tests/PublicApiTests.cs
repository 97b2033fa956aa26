using System.Net;
using System.Text.Json;
using NodaTime;
using Ory.Identity.AspNetCore.Tests.Support;

namespace Ory.Identity.AspNetCore.Tests;

public sealed class PublicApiTests : IAsyncLifetime
{
    private HttpTestHost _host = null!;

    public async Task InitializeAsync() => _host = await HttpTestHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Schemas_are_listed_in_kratos_shape_and_served_by_id_or_base64url_id()
    {
        var (list, body) = await _host.GetAsync("/schemas");
        list.StatusCode.Should().Be(HttpStatusCode.OK);
        body.GetArrayLength().Should().Be(1);
        body[0].EnumerateObject().Select(p => p.Name).Should().Equal("id", "schema");
        body[0].GetProperty("id").GetString().Should().Be("default");
        body[0].GetProperty("schema").GetProperty("title").GetString().Should().Be("Person");
        list.Headers.GetValues("X-Total-Count").Should().Equal("1");

        var (byId, schema) = await _host.GetAsync("/schemas/default");
        byId.StatusCode.Should().Be(HttpStatusCode.OK);
        schema.GetProperty("$id").GetString().Should().Contain("quickstart");

        var (identity, created) = await _host.PostAsync("/admin/identities", """{"traits":{"email":"s@ory.sh"}}""");
        identity.StatusCode.Should().Be(HttpStatusCode.Created);
        var schemaUrl = new Uri(created.GetProperty("schema_url").GetString()!);
        var (byEncoded, schema2) = await _host.GetAsync(schemaUrl.AbsolutePath);
        byEncoded.StatusCode.Should().Be(HttpStatusCode.OK);
        schema2.GetRawText().Should().Be(schema.GetRawText());
    }

    [Fact]
    public async Task Unknown_schema_is_404()
    {
        var (response, body) = await _host.GetAsync("/schemas/nope.v2");
        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        body.ShouldBeKratosError(404, reason: "Identity schema `nope.v2` could not be found.");

        var (encoded, body2) = await _host.GetAsync("/schemas/bm9wZQ");
        encoded.StatusCode.Should().Be(HttpStatusCode.NotFound);
        body2.ShouldBeKratosError(404, reason: "Identity schema `nope` could not be found.");
    }

    [Fact]
    public async Task An_api_flow_is_created_read_and_completed_with_an_emailed_link()
    {
        await _host.CreateIdentityAsync("flow@ory.sh");
        var (created, flow) = await _host.GetAsync("/self-service/recovery/api");
        created.StatusCode.Should().Be(HttpStatusCode.OK);
        flow.GetProperty("type").GetString().Should().Be("api");
        flow.GetProperty("state").GetString().Should().Be("choose_method");
        var id = flow.GetProperty("id").GetGuid();

        var (read, again) = await _host.GetAsync($"/self-service/recovery/flows?id={id}");
        read.StatusCode.Should().Be(HttpStatusCode.OK);
        again.GetProperty("id").GetGuid().Should().Be(id);

        var (sent, sentFlow) = await _host.PostAsync($"/self-service/recovery?flow={id}", """{"method":"link","email":"FLOW@ory.sh","transient_payload":{"a":1}}""");
        sent.StatusCode.Should().Be(HttpStatusCode.OK, sentFlow.ToString());
        sentFlow.GetProperty("state").GetString().Should().Be("sent_email");
        sentFlow.GetProperty("ui").GetProperty("messages")[0].GetProperty("id").GetInt64().Should().Be(1060002);
        sentFlow.GetProperty("transient_payload").GetProperty("a").GetInt32().Should().Be(1);

        var message = _host.Outbox.Messages.Should().ContainSingle().Subject;
        message.Recipient.Should().Be("flow@ory.sh");
        var link = new Uri(message.RecoveryUrl!);
        link.GetLeftPart(UriPartial.Path).Should().Be("http://127.0.0.1:4455/self-service/recovery");

        // A link always gets the browser answer, even on an api flow asked for JSON: the session cookie and 303 to the settings UI.
        var (redeemed, _) = await _host.GetAsync(link.PathAndQuery, accept: "application/json");
        redeemed.StatusCode.Should().Be(HttpStatusCode.SeeOther);
        redeemed.Headers.Location!.ToString().Should().MatchRegex("^http://127\\.0\\.0\\.1:4455/settings\\?flow=[0-9a-f-]{36}$");
        redeemed.Headers.GetValues("Set-Cookie").Should().Contain(c => c.StartsWith("ory_kratos_session=", StringComparison.Ordinal));

        var (reused, error) = await _host.GetAsync(link.PathAndQuery, accept: "application/json");
        reused.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        error.ShouldBeKratosError(400, reason: "The recovery token is invalid or has already been used. Please retry the flow.");
    }

    [Fact]
    public async Task A_browser_redeeming_a_link_is_redirected_to_the_settings_ui_and_the_callback_runs()
    {
        RecoveryRedemption? seen = null;
        await using var host = await HttpTestHost.StartAsync(http: o =>
        {
            o.OnRecovered = (_, redemption) =>
            {
                seen = redemption;
                return Task.CompletedTask;
            };
        });
        var id = await host.CreateIdentityAsync("browser@ory.sh");
        var (_, link) = await host.PostAsync("/admin/recovery/link", $$"""{"identity_id":"{{id}}"}""");
        var url = new Uri(link.GetProperty("recovery_link").GetString()!);

        var (response, _) = await host.GetAsync(url.PathAndQuery, accept: "text/html,application/xhtml+xml,*/*;q=0.8");
        response.StatusCode.Should().Be(HttpStatusCode.SeeOther);
        response.Headers.Location!.ToString().Should().MatchRegex("^http://127\\.0\\.0\\.1:4455/settings\\?flow=[0-9a-f-]{36}$");
        seen!.IdentityId.Should().Be(id);
        seen.AddressVerified.Should().BeFalse();
    }

    [Fact]
    public async Task A_browser_with_an_invalid_token_gets_a_new_flow_carrying_4060004()
    {
        var id = await _host.CreateIdentityAsync("invalid@ory.sh");
        var (_, link) = await _host.PostAsync("/admin/recovery/link", $$"""{"identity_id":"{{id}}"}""");
        var url = new Uri(link.GetProperty("recovery_link").GetString()!);
        var tampered = url.PathAndQuery[..^4] + "AAAA";

        var (response, _) = await _host.GetAsync(tampered);
        response.StatusCode.Should().Be(HttpStatusCode.SeeOther);
        var location = response.Headers.Location!.ToString();
        location.Should().StartWith("http://127.0.0.1:4455/recovery?flow=");
        var fresh = location[(location.IndexOf('=', StringComparison.Ordinal) + 1)..];
        fresh.Should().NotBe(url.Query.Split('&')[0]["?flow=".Length..]);

        var (read, flow) = await _host.GetAsync($"/self-service/recovery/flows?id={fresh}");
        read.StatusCode.Should().Be(HttpStatusCode.OK);
        flow.GetProperty("type").GetString().Should().Be("browser");
        flow.GetProperty("ui").GetProperty("messages")[0].GetProperty("id").GetInt64().Should().Be(4060004);
    }

    [Fact]
    public async Task A_code_flow_answers_4060006_for_a_wrong_code_and_passes_with_the_right_one()
    {
        await using var host = await HttpTestHost.StartAsync(o => o.SelfService.Flows.Recovery.Use = "code");
        await host.CreateIdentityAsync("code@ory.sh");
        var (_, flow) = await host.GetAsync("/self-service/recovery/api");
        var id = flow.GetProperty("id").GetGuid();

        var (sent, sentFlow) = await host.SendAsync(HttpMethod.Post, $"/self-service/recovery?flow={id}",
            new FormUrlEncodedContent([new("method", "code"), new("email", "code@ory.sh")]));
        sent.StatusCode.Should().Be(HttpStatusCode.OK, "api flows answer JSON");
        sentFlow.GetProperty("ui").GetProperty("messages")[0].GetProperty("id").GetInt64().Should().Be(1060003);
        var code = host.Outbox.Messages.Should().ContainSingle().Subject.RecoveryCode!;

        var wrong = code == "000000" ? "111111" : "000000";
        var (bad, badFlow) = await host.PostAsync($"/self-service/recovery?flow={id}", $$"""{"method":"code","code":"{{wrong}}"}""");
        bad.StatusCode.Should().Be(HttpStatusCode.OK);
        badFlow.GetProperty("id").GetGuid().Should().Be(id);
        badFlow.GetProperty("ui").GetProperty("messages").EnumerateArray().Select(m => m.GetProperty("id").GetInt64()).Should().Contain(4060006);

        var (good, passed) = await host.PostAsync($"/self-service/recovery?flow={id}", $$"""{"method":"code","code":"{{code}}"}""");
        good.StatusCode.Should().Be(HttpStatusCode.OK, passed.ToString());
        passed.GetProperty("state").GetString().Should().Be("passed_challenge");
        var continueWith = passed.GetProperty("continue_with");
        continueWith[0].GetProperty("action").GetString().Should().Be("set_ory_session_token");
        continueWith[0].GetProperty("ory_session_token").GetString().Should().StartWith("ory_st_");
        continueWith[1].GetProperty("action").GetString().Should().Be("show_settings_ui");
        var settingsId = continueWith[1].GetProperty("flow").GetProperty("id").GetGuid();
        continueWith[1].GetProperty("flow").GetProperty("url").GetString().Should().Be($"http://127.0.0.1:4455/settings?flow={settingsId}");
    }

    [Fact]
    public async Task Validation_errors_are_400_with_the_flow()
    {
        var (_, flow) = await _host.GetAsync("/self-service/recovery/api");
        var id = flow.GetProperty("id").GetGuid();
        var (response, invalid) = await _host.PostAsync($"/self-service/recovery?flow={id}", """{"method":"link","email":"not an email"}""");
        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        invalid.GetProperty("id").GetGuid().Should().Be(id);
        var email = invalid.GetProperty("ui").GetProperty("nodes").EnumerateArray().Single(n => n.GetProperty("attributes").GetProperty("name").GetString() == "email");
        email.GetProperty("messages")[0].GetProperty("id").GetInt64().Should().Be(4000040);

        var (missing, missingFlow) = await _host.PostAsync($"/self-service/recovery?flow={id}", """{"method":"link"}""");
        missing.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        missingFlow.GetProperty("ui").GetProperty("nodes").EnumerateArray()
            .Single(n => n.GetProperty("attributes").GetProperty("name").GetString() == "email")
            .GetProperty("messages")[0].GetProperty("id").GetInt64().Should().Be(4000002);
    }

    [Theory]
    [InlineData("/self-service/recovery", """{"method":"link","email":"a@ory.sh"}""", 400, "The flow query parameter is missing or malformed.")]
    [InlineData("/self-service/recovery?flow=nope", """{"method":"link","email":"a@ory.sh"}""", 400, "The flow query parameter is missing or malformed.")]
    [InlineData("/self-service/recovery?flow=00000000-0000-0000-0000-000000000001", """{"method":"link","email":"a@ory.sh"}""", 404, "The recovery request could not be found. Please restart the flow.")]
    [InlineData("/self-service/recovery?flow=00000000-0000-0000-0000-000000000001", """{"method":"sms"}""", 400, "Could not find a strategy to recover your account with. Did you fill out the form correctly?")]
    public async Task Bad_submissions_get_kratos_errors(string path, string json, int status, string reason)
    {
        var (response, body) = await _host.PostAsync(path, json);
        ((int)response.StatusCode).Should().Be(status);
        body.ShouldBeKratosError(status, reason: reason);
    }

    [Fact]
    public async Task Flows_are_404_when_unknown_and_410_when_expired()
    {
        var (unknown, body) = await _host.GetAsync($"/self-service/recovery/flows?id={Guid.NewGuid()}");
        unknown.StatusCode.Should().Be(HttpStatusCode.NotFound);
        body.ShouldBeKratosError(404);

        var (invalid, body2) = await _host.GetAsync("/self-service/recovery/flows?id=nope");
        invalid.StatusCode.Should().Be(HttpStatusCode.NotFound);
        body2.ShouldBeKratosError(404);

        var (_, flow) = await _host.GetAsync("/self-service/recovery/api");
        _host.Clock.Advance(Duration.FromMinutes(63));
        var (expired, body3) = await _host.GetAsync($"/self-service/recovery/flows?id={flow.GetProperty("id").GetGuid()}");
        expired.StatusCode.Should().Be(HttpStatusCode.Gone);
        var error = body3.ShouldBeKratosError(410, reason: "The self-service flow expired 3.00 minutes ago, initialize a new one.");
        error.GetProperty("id").GetString().Should().Be("self_service_flow_expired");
        error.GetProperty("details").GetProperty("api").GetString().Should().Be("http://127.0.0.1:4433/self-service/recovery/api");
    }

    [Fact]
    public async Task Disabled_recovery_is_400_on_init_and_read()
    {
        await using var host = await HttpTestHost.StartAsync(o => o.SelfService.Flows.Recovery.Enabled = false);
        foreach (var path in new[] { "/self-service/recovery/api", $"/self-service/recovery/flows?id={Guid.NewGuid()}" })
        {
            var (response, body) = await host.GetAsync(path);
            response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
            body.ShouldBeKratosError(400, reason: "Recovery is not allowed because it was disabled.");
        }
    }

    [Fact]
    public async Task A_submission_with_an_unsupported_content_type_is_400()
    {
        var (_, flow) = await _host.GetAsync("/self-service/recovery/api");
        var (response, body) = await _host.SendAsync(HttpMethod.Post, $"/self-service/recovery?flow={flow.GetProperty("id").GetGuid()}", HttpTestHost.RawJson("email=a", "text/plain"));
        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        body.ShouldBeKratosError(400, reason: "HTTP POST Request used unknown HTTP Header \"Content-Type: text/plain\", only [application/json application/x-www-form-urlencoded] are supported.");
    }

    [Fact]
    public void Json_negotiation_follows_kratos()
    {
        static bool IsJson(string? accept, string? contentType = null)
        {
            var context = new Microsoft.AspNetCore.Http.DefaultHttpContext();
            if (accept is not null)
            {
                context.Request.Headers.Accept = accept;
            }

            context.Request.ContentType = contentType;
            return Internal.KratosQuery.IsJsonRequest(context.Request);
        }

        IsJson(null).Should().BeFalse();
        IsJson("*/*").Should().BeFalse();
        IsJson("application/json").Should().BeTrue();
        IsJson("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8").Should().BeFalse();
        IsJson("application/json, text/plain, */*").Should().BeTrue();
        IsJson(null, "application/json").Should().BeTrue();
        IsJson(null, "application/json; charset=utf-8").Should().BeFalse();
        _ = JsonValueKind.Null;
    }
}
