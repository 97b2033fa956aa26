using System.Text.Json;
using Ory.Identity.Tests.Support;

namespace Ory.Identity.Tests.Settings;

public sealed class SettingsProfileTests : IDisposable
{
    private readonly TestHost _host = SelfServiceFlowTestHost.Create();

    public void Dispose() => _host.Dispose();

    [Fact]
    public async Task The_flow_shows_csrf_then_one_node_per_trait_then_the_password_form_as_Kratos()
    {
        var identity = await _host.CreateInviteeAsync();
        var session = await _host.SignInAsync(identity.Id);

        var flow = await _host.Settings().CreateFlowAsync(session, SelfServiceFlowType.Browser);

        flow.Ui.Nodes.Select(n => $"{n.Group}:{n.Attributes.Name}:{n.Attributes.InputType}").Should().Equal(
            "default:csrf_token:hidden",
            "profile:traits.email:email",
            "profile:traits.name.first:text",
            "profile:traits.name.last:text",
            "profile:method:submit",
            "password:password:password",
            "password:method:submit");
        flow.Ui.Action.Should().Be($"http://127.0.0.1:4433/self-service/settings?flow={flow.Id}");
        flow.RequestUrl.Should().Be("http://127.0.0.1:4433/self-service/settings/browser");
        var json = JsonDocument.Parse(OryIdentityJson.Serialize(flow)).RootElement;
        var nodes = json.GetProperty("ui").GetProperty("nodes");
        nodes[0].GetProperty("attributes").GetProperty("value").GetString().Should().BeEmpty();
        nodes[1].GetProperty("attributes").GetProperty("value").GetString().Should().Be(SelfServiceFlowTestHost.Email);
        nodes[1].GetProperty("attributes").GetProperty("autocomplete").GetString().Should().Be("email");
        nodes[1].GetProperty("attributes").GetProperty("required").GetBoolean().Should().BeTrue();
        nodes[1].GetProperty("meta").GetProperty("label").GetProperty("id").GetInt64().Should().Be(1070002);
        nodes[1].GetProperty("meta").GetProperty("label").GetProperty("text").GetString().Should().Be("E-Mail");
        nodes[4].GetProperty("meta").GetProperty("label").GetProperty("id").GetInt64().Should().Be(1070003);
        nodes[5].GetProperty("attributes").GetProperty("autocomplete").GetString().Should().Be("new-password");
        nodes[5].GetProperty("meta").GetProperty("label").GetProperty("id").GetInt64().Should().Be(1070001);
        json.GetProperty("state").GetString().Should().Be("show_form");
        json.GetProperty("identity").TryGetProperty("credentials", out _).Should().BeFalse();
        json.TryGetProperty("active", out _).Should().BeFalse();
        json.TryGetProperty("return_to", out _).Should().BeFalse();
    }

    [Fact]
    public async Task Changing_a_plain_trait_needs_no_privileged_session()
    {
        var identity = await _host.CreateInviteeAsync();
        var session = await _host.SignInAsync(identity.Id);
        var flow = await _host.Settings().CreateFlowAsync(session);
        _host.Clock.Advance(SelfServiceFlowTestHost.Minutes(90));
        session = await _host.Sessions().GetAsync(session.Id);
        flow = await _host.Settings().CreateFlowAsync(session);

        var saved = await _host.Settings().UpdateProfileAsync(flow.Id, session,
            SelfServiceFlowTestHost.Json($$$"""{"email":"{{{SelfServiceFlowTestHost.Email}}}","name":{"first":"Grace"}}"""));

        saved.State.Should().Be(SettingsFlowState.Success);
        saved.Active.Should().Be("profile");
        (await _host.Store.GetAsync(identity.Id))!.Traits.GetProperty("name").GetProperty("first").GetString().Should().Be("Grace");
    }

    [Fact]
    public async Task Changing_the_email_after_the_privileged_window_needs_a_refresh_login_and_stores_nothing()
    {
        var identity = await _host.CreateInviteeAsync();
        var session = await _host.SignInAsync(identity.Id);
        _host.Clock.Advance(SelfServiceFlowTestHost.Minutes(90));
        var flow = await _host.Settings().CreateFlowAsync(session);
        var before = await _host.SnapshotAsync(identity.Id);

        var act = () => _host.Settings().UpdateProfileAsync(flow.Id, session, SelfServiceFlowTestHost.Json("""{"email":"new@ory.sh"}"""));

        (await act.Should().ThrowAsync<SessionRefreshRequiredException>()).Which.Error.Id.Should().Be("session_refresh_required");
        (await _host.SnapshotAsync(identity.Id)).Should().Be(before);
    }

    [Fact]
    public async Task With_a_privileged_max_age_of_zero_changing_the_email_needs_a_refresh_login_as_a_password_change_does()
    {
        using var host = SelfServiceFlowTestHost.Create(o => o.SelfService.Flows.Settings.PrivilegedSessionMaxAge = "0s");
        var identity = await host.CreateInviteeAsync();
        var session = await host.SignInAsync(identity.Id);
        host.Clock.Advance(NodaTime.Duration.FromSeconds(1));
        var flow = await host.Settings().CreateFlowAsync(session);
        var before = await host.SnapshotAsync(identity.Id);

        var email = () => host.Settings().UpdateProfileAsync(flow.Id, session, SelfServiceFlowTestHost.Json("""{"email":"new@ory.sh"}"""));
        var password = () => host.Settings().SetPasswordAsync(session, "a-long-and-unusual-passphrase-42");

        await email.Should().ThrowAsync<SessionRefreshRequiredException>();
        await password.Should().ThrowAsync<SessionRefreshRequiredException>();
        (await host.SnapshotAsync(identity.Id)).Should().Be(before);
    }

    [Fact]
    public async Task Traits_that_fail_the_schema_get_messages_on_their_nodes_and_store_nothing()
    {
        var identity = await _host.CreateInviteeAsync();
        var session = await _host.SignInAsync(identity.Id);
        var flow = await _host.Settings().CreateFlowAsync(session);
        var before = await _host.SnapshotAsync(identity.Id);

        var missing = (await FluentActions.Awaiting(() => _host.Settings().UpdateProfileAsync(flow.Id, session, SelfServiceFlowTestHost.Json("""{"name":{"first":"x"}}""")))
            .Should().ThrowAsync<SettingsFlowValidationException>()).Which;
        var none = (await FluentActions.Awaiting(() => _host.Settings().UpdateProfileAsync(flow.Id, session, null))
            .Should().ThrowAsync<SettingsFlowValidationException>()).Which;

        missing.Flow.Node("traits.email").Messages.Should().ContainSingle().Which.Should().BeEquivalentTo(new { Id = 4000002L, Text = "Property email is missing." });
        missing.Flow.Node("traits.name.first").Attributes.Value.Should().Be("x");
        none.Flow.Ui.Messages.Should().ContainSingle().Which.Should().BeEquivalentTo(new { Id = 4000001L, Text = "Did not receive any value changes." });
        (await _host.SnapshotAsync(identity.Id)).Should().Be(before);
    }

    [Fact]
    public async Task Taking_another_identitys_email_is_refused_with_4000007_and_stores_nothing()
    {
        var identity = await _host.CreateInviteeAsync();
        await _host.CreateInviteeAsync("taken@ory.sh");
        var session = await _host.SignInAsync(identity.Id);
        var flow = await _host.Settings().CreateFlowAsync(session);
        var before = await _host.SnapshotAsync(identity.Id);

        var act = () => _host.Settings().UpdateProfileAsync(flow.Id, session, SelfServiceFlowTestHost.Json("""{"email":"taken@ory.sh"}"""));

        (await act.Should().ThrowAsync<SettingsFlowValidationException>()).Which.UiMessage.Id.Should().Be(4000007);
        (await _host.SnapshotAsync(identity.Id)).Should().Be(before);
    }
}
