using System.Text.Json;
using Ory.Identity.Storage;
using Ory.Identity.Tests.Support;

namespace Ory.Identity.Tests.Login;

public sealed class LoginPasswordTests : IDisposable
{
    private readonly TestHost _host = SelfServiceFlowTestHost.Create();

    public void Dispose() => _host.Dispose();

    [Fact]
    public async Task A_correct_password_issues_a_session_that_authenticates_and_completes_the_flow()
    {
        var identity = await _host.CreateWithPasswordAsync();
        var flow = await _host.Login().CreateFlowAsync();

        var result = await _host.Login().SubmitPasswordAsync(flow.Id, "  INVITEE@ory.sh ", SelfServiceFlowTestHost.GoodPassword);

        result.Issued.Should().NotBeNull();
        result.Session.IdentityId.Should().Be(identity.Id);
        result.Session.AuthenticationMethods.Should().ContainSingle().Which.Method.Should().Be("password");
        result.Flow.State.Should().Be(LoginFlowState.PassedChallenge);
        result.Flow.Active.Should().Be("password");
        var whoami = await _host.Sessions().AuthenticateAsync(result.Issued!.Token);
        whoami!.Id.Should().Be(result.Session.Id);
        _host.Logs.Texts.Should().NotContain(t => t.Contains(SelfServiceFlowTestHost.GoodPassword, StringComparison.Ordinal) || t.Contains(result.Issued.Token, StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_flow_has_Kratos_nodes_for_a_password_login()
    {
        var flow = await _host.Login().CreateFlowAsync(SelfServiceFlowType.Browser);

        flow.Ui.Nodes.Select(n => $"{n.Group}:{n.Attributes.Name}:{n.Attributes.InputType}").Should().Equal(
            "default:identifier:text", "default:csrf_token:hidden", "password:password:password", "password:method:submit");
        var json = JsonDocument.Parse(OryIdentityJson.Serialize(flow)).RootElement;
        json.GetProperty("state").GetString().Should().Be("choose_method");
        json.GetProperty("refresh").GetBoolean().Should().BeFalse();
        json.GetProperty("requested_aal").GetString().Should().Be("aal1");
        var nodes = json.GetProperty("ui").GetProperty("nodes");
        nodes[0].GetProperty("attributes").GetProperty("value").GetString().Should().BeEmpty();
        nodes[0].GetProperty("meta").GetProperty("label").GetProperty("id").GetInt64().Should().Be(1070002);
        nodes[0].GetProperty("meta").GetProperty("label").GetProperty("text").GetString().Should().Be("E-Mail");
        nodes[2].GetProperty("attributes").GetProperty("autocomplete").GetString().Should().Be("current-password");
        nodes[3].GetProperty("meta").GetProperty("label").GetProperty("id").GetInt64().Should().Be(1010022);
        nodes[3].GetProperty("meta").GetProperty("label").GetProperty("text").GetString().Should().Be("Sign in with password");
    }

    [Fact]
    public async Task Unknown_identifier_wrong_password_and_no_password_get_the_same_answer_and_no_session()
    {
        var withPassword = await _host.CreateWithPasswordAsync();
        var invitee = await _host.CreateInviteeAsync("invited@ory.sh");
        var answers = new List<LoginFlowValidationException>();
        foreach (var (identifier, password) in new[]
                 {
                     ("nobody@ory.sh", SelfServiceFlowTestHost.GoodPassword),
                     (SelfServiceFlowTestHost.Email, "wrong-password-123"),
                     ("invited@ory.sh", SelfServiceFlowTestHost.GoodPassword),
                 })
        {
            var flow = await _host.Login().CreateFlowAsync();
            answers.Add((await FluentActions.Awaiting(() => _host.Login().SubmitPasswordAsync(flow.Id, identifier, password))
                .Should().ThrowAsync<LoginFlowValidationException>()).Which);
        }

        answers.Should().AllSatisfy(a =>
        {
            a.StatusCode.Should().Be(400);
            a.UiMessage.Should().BeEquivalentTo(new
            {
                Id = 4000006L,
                Text = "The provided credentials are invalid, check for spelling mistakes in your password or username, email address, or phone number.",
                Type = "error",
            });
            a.Flow.Ui.Messages.Should().ContainSingle();
            a.Flow.Node("password").Attributes.Value.Should().BeNull();
        });
        answers.Select(a => a.Flow.Ui.Nodes.Count).Distinct().Should().ContainSingle();
        answers[1].Flow.Node("identifier").Attributes.Value.Should().Be(SelfServiceFlowTestHost.Email);
        (await _host.Sessions().ListByIdentityAsync(withPassword.Id)).Should().BeEmpty();
        (await _host.Sessions().ListByIdentityAsync(invitee.Id)).Should().BeEmpty();
        _host.Logs.Texts.Should().NotContain(t => t.Contains("wrong-password-123", StringComparison.Ordinal) || t.Contains("nobody@ory.sh", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_inactive_identity_gets_4010011_only_after_a_correct_password()
    {
        var identity = await _host.CreateWithPasswordAsync();
        await _host.Manager.PatchAsync(identity.Id, [new JsonPatchOperation { Op = "replace", Path = "/state", Value = SelfServiceFlowTestHost.Json("\"inactive\"") }]);
        var flow = await _host.Login().CreateFlowAsync();

        var wrong = (await FluentActions.Awaiting(() => _host.Login().SubmitPasswordAsync(flow.Id, SelfServiceFlowTestHost.Email, "wrong-password-123"))
            .Should().ThrowAsync<LoginFlowValidationException>()).Which;
        var right = (await FluentActions.Awaiting(() => _host.Login().SubmitPasswordAsync(flow.Id, SelfServiceFlowTestHost.Email, SelfServiceFlowTestHost.GoodPassword))
            .Should().ThrowAsync<LoginFlowValidationException>()).Which;

        wrong.UiMessage.Id.Should().Be(4000006);
        right.UiMessage.Should().BeEquivalentTo(new { Id = 4010011L, Text = "This account has been disabled. Please contact support for assistance." });
        (await _host.Sessions().ListByIdentityAsync(identity.Id)).Should().BeEmpty();
    }

    [Theory]
    [InlineData(null, "pw-123456", "identifier", 4000002, "Property identifier is missing.")]
    [InlineData("", "pw-123456", "identifier", 4000003, "length must be >= 1, but got 0")]
    [InlineData("invitee@ory.sh", null, "password", 4000002, "Property password is missing.")]
    [InlineData("invitee@ory.sh", "", "password", 4000003, "length must be >= 1, but got 0")]
    public async Task A_missing_or_empty_field_is_refused_on_its_node(string? identifier, string? password, string node, long id, string text)
    {
        var identity = await _host.CreateWithPasswordAsync();
        var flow = await _host.Login().CreateFlowAsync();

        var refused = (await FluentActions.Awaiting(() => _host.Login().SubmitPasswordAsync(flow.Id, identifier, password))
            .Should().ThrowAsync<LoginFlowValidationException>()).Which;

        refused.Flow.Node(node).Messages.Should().ContainSingle().Which.Should().BeEquivalentTo(new { Id = id, Text = text });
        (await _host.Sessions().ListByIdentityAsync(identity.Id)).Should().BeEmpty();
    }

    [Fact]
    public async Task An_unknown_method_is_refused_with_4010002()
    {
        var identity = await _host.CreateWithPasswordAsync();
        var flow = await _host.Login().CreateFlowAsync();

        var refused = (await FluentActions.Awaiting(() => _host.Login().SubmitAsync(flow.Id, new LoginFlowSubmission
            {
                Method = "webauthn", Identifier = SelfServiceFlowTestHost.Email, Password = SelfServiceFlowTestHost.GoodPassword,
            }))
            .Should().ThrowAsync<LoginFlowValidationException>()).Which;

        refused.UiMessage.Should().BeEquivalentTo(new { Id = 4010002L, Text = "Could not find a strategy to log you in with. Did you fill out the form correctly?" });
        (await _host.Sessions().ListByIdentityAsync(identity.Id)).Should().BeEmpty();
    }

    [Fact]
    public async Task A_signed_in_caller_gets_session_already_available_unless_it_refreshes()
    {
        var identity = await _host.CreateWithPasswordAsync();
        var session = await _host.SignInAsync(identity.Id);
        var plain = await _host.Login().CreateFlowAsync();

        var create = (await FluentActions.Awaiting(() => _host.Login().CreateFlowAsync(current: session)).Should().ThrowAsync<SessionAlreadyAvailableException>()).Which;
        var submit = (await FluentActions.Awaiting(() => _host.Login().SubmitPasswordAsync(plain.Id, SelfServiceFlowTestHost.Email, SelfServiceFlowTestHost.GoodPassword, session))
            .Should().ThrowAsync<SessionAlreadyAvailableException>()).Which;

        create.StatusCode.Should().Be(400);
        create.Error.Id.Should().Be("session_already_available");
        create.Error.Message.Should().Be("you are already logged in");
        create.Error.Reason.Should().Be("A valid session was detected and thus login is not possible. Did you forget to set `?refresh=true`?");
        submit.Error.Id.Should().Be("session_already_available");
        (await _host.Sessions().ListByIdentityAsync(identity.Id)).Should().ContainSingle();
    }

    [Fact]
    public async Task Refresh_without_a_session_is_ignored()
    {
        var flow = await _host.Login().CreateFlowAsync(refresh: true);

        flow.Refresh.Should().BeFalse();
        flow.RequestUrl.Should().Be("http://127.0.0.1:4433/self-service/login/api");
    }

    [Fact]
    public async Task A_refresh_login_reauthenticates_the_current_session_keeping_its_id()
    {
        var identity = await _host.CreateWithPasswordAsync();
        var session = await _host.SignInAsync(identity.Id);
        _host.Clock.Advance(SelfServiceFlowTestHost.Minutes(90));
        var flow = await _host.Login().CreateFlowAsync(refresh: true, current: session);

        var result = await _host.Login().SubmitPasswordAsync(flow.Id, SelfServiceFlowTestHost.Email, SelfServiceFlowTestHost.GoodPassword, session);

        flow.Refresh.Should().BeTrue();
        flow.Node("identifier").Attributes.InputType.Should().Be("hidden");
        flow.Node("identifier").Attributes.Value.Should().Be(SelfServiceFlowTestHost.Email);
        flow.Ui.Messages.Should().ContainSingle().Which.Id.Should().Be(1010003);
        result.Issued.Should().BeNull();
        result.Session.Id.Should().Be(session.Id);
        result.Session.AuthenticatedAt.Should().Be(_host.Clock.GetCurrentInstant());
        (await _host.Sessions().ListByIdentityAsync(identity.Id)).Should().ContainSingle();
    }

    [Fact]
    public async Task An_expired_flow_answers_410_and_submitting_to_it_starts_a_new_flow_with_4010001()
    {
        var identity = await _host.CreateWithPasswordAsync();
        var flow = await _host.Login().CreateFlowAsync();
        _host.Clock.Advance(SelfServiceFlowTestHost.Minutes(62));

        var read = (await FluentActions.Awaiting(() => _host.Login().GetFlowAsync(flow.Id)).Should().ThrowAsync<SelfServiceFlowExpiredException>()).Which;
        var submit = (await FluentActions.Awaiting(() => _host.Login().SubmitPasswordAsync(flow.Id, SelfServiceFlowTestHost.Email, SelfServiceFlowTestHost.GoodPassword))
            .Should().ThrowAsync<SelfServiceFlowExpiredException>()).Which;

        read.StatusCode.Should().Be(410);
        read.Error.Reason.Should().Be("The login flow has expired. Call the login flow init API endpoint to initialize a new login flow.");
        submit.UiMessage!.Text.Should().Be("The login flow expired 2.00 minutes ago, please try again.");
        (await _host.Login().GetFlowAsync(submit.UseFlowId!.Value)).Ui.Messages.Should().ContainSingle().Which.Id.Should().Be(4010001);
        (await _host.Sessions().ListByIdentityAsync(identity.Id)).Should().BeEmpty();
    }

    [Fact]
    public async Task A_settings_flow_id_is_not_a_login_flow()
    {
        var identity = await _host.CreateWithPasswordAsync();
        var session = await _host.SignInAsync(identity.Id);
        var settings = await _host.Settings().CreateFlowAsync(session);

        var missing = (await FluentActions.Awaiting(() => _host.Login().SubmitPasswordAsync(settings.Id, SelfServiceFlowTestHost.Email, SelfServiceFlowTestHost.GoodPassword))
            .Should().ThrowAsync<SelfServiceFlowNotFoundException>()).Which;

        missing.Error.Reason.Should().Be("The login request could not be found. Please restart the flow.");
        missing.Kind.Should().Be(SelfServiceFlowKind.Login);
        (await _host.Sessions().ListByIdentityAsync(identity.Id)).Should().ContainSingle();
    }

    [Fact]
    public async Task A_legacy_hash_is_upgraded_on_a_successful_login()
    {
        var identity = await _host.Manager.CreateAsync(OryIdentityJson.Deserialize<CreateIdentityRequest>(
            "{\"traits\":{\"email\":\"legacy@ory.sh\"},\"credentials\":{\"password\":{\"config\":{\"hashed_password\":\"{SSHA}JFZFs0oHzxbMwkSJmYVeI8MnTDy/276a\"}}}}"));
        var flow = await _host.Login().CreateFlowAsync();

        await _host.Login().SubmitPasswordAsync(flow.Id, "legacy@ory.sh", "test123");

        (await _host.StoredHashAsync(identity.Id)).Should().StartWith("$2a$");
        (await _host.Manager.VerifyPasswordAsync("legacy@ory.sh", "test123")).Succeeded.Should().BeTrue();
    }

    [Fact]
    public async Task A_login_flow_may_return_to_the_public_self_service_urls_as_the_http_layer_allows_and_nowhere_else_there()
    {
        var back = new Uri("http://127.0.0.1:4433/self-service/settings?flow=0193a0c4-0000-7000-8000-000000000001");

        var flow = await _host.Login().CreateFlowAsync(SelfServiceFlowType.Browser, returnTo: back);
        var elsewhere = () => _host.Login().CreateFlowAsync(SelfServiceFlowType.Browser, returnTo: new Uri("http://127.0.0.1:4433/sessions/whoami"));

        flow.ReturnTo.Should().Be(back.ToString());
        await elsewhere.Should().ThrowAsync<ReturnToForbiddenException>();
    }
}
