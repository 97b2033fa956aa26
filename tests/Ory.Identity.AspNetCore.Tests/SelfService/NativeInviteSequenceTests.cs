using System.Net;
using Ory.Identity.AspNetCore.Tests.Support;

namespace Ory.Identity.AspNetCore.Tests.SelfService;

/// <summary>The invite over Kratos's native (api) flows, as a mobile app walks it with session tokens.</summary>
public sealed class NativeInviteSequenceTests : IAsyncLifetime
{
    private const string Password = "a-long-and-unusual-passphrase-77";
    private HttpTestHost _host = null!;

    public async Task InitializeAsync() => _host = await HttpTestHost.StartAsync(o => o.SelfService.Flows.Recovery.Use = "code");

    public async Task DisposeAsync() => await _host.DisposeAsync();

    /// <summary>Admin code → api recovery flow → session token and settings flow → password → login → whoami.</summary>
    internal static async Task<(Guid IdentityId, string Token, Guid SettingsFlowId)> RecoverAsync(HttpTestHost host, string email)
    {
        var identityId = await host.CreateIdentityAsync(email);
        var (issued, code) = await host.PostAsync("/admin/recovery/code", $$"""{"identity_id":"{{identityId}}","flow_type":"api"}""");
        issued.StatusCode.Should().Be(HttpStatusCode.Created, code.ToString());
        var flowId = new Uri(code.GetProperty("recovery_link").GetString()!).Query.Split("flow=")[1].Split('&')[0];

        var (redeemed, flow) = await host.PostAsync($"/self-service/recovery?flow={flowId}", $$"""{"method":"code","code":"{{code.GetProperty("recovery_code").GetString()}}"}""");
        redeemed.StatusCode.Should().Be(HttpStatusCode.OK, flow.ToString());
        flow.GetProperty("state").GetString().Should().Be("passed_challenge");
        var continueWith = flow.GetProperty("continue_with");
        var token = continueWith[0].GetProperty("ory_session_token").GetString()!;
        var settingsFlowId = continueWith[1].GetProperty("flow").GetProperty("id").GetGuid();
        return (identityId, token, settingsFlowId);
    }

    [Fact]
    public async Task An_invited_person_recovers_sets_a_password_signs_in_and_is_who_they_are()
    {
        var (identityId, recoveryToken, settingsFlowId) = await RecoverAsync(_host, "native@ory.sh");

        var (read, settingsFlow) = await _host.SendNativeAsync(HttpMethod.Get, $"/self-service/settings/flows?id={settingsFlowId}", token: recoveryToken);
        read.StatusCode.Should().Be(HttpStatusCode.OK, settingsFlow.ToString());
        settingsFlow.GetProperty("type").GetString().Should().Be("api");
        settingsFlow.GetProperty("ui").GetProperty("messages")[0].GetProperty("id").GetInt64().Should().Be(1060001);

        var (saved, savedFlow) = await _host.SendNativeAsync(HttpMethod.Post, $"/self-service/settings?flow={settingsFlowId}", $$"""{"method":"password","password":"{{Password}}"}""", recoveryToken);
        saved.StatusCode.Should().Be(HttpStatusCode.OK, savedFlow.ToString());
        savedFlow.GetProperty("state").GetString().Should().Be("success");
        savedFlow.GetProperty("ui").GetProperty("messages")[0].GetProperty("id").GetInt64().Should().Be(1050001);
        saved.Headers.Contains("Set-Cookie").Should().BeFalse("api flows get no cookie");

        var (created, loginFlow) = await _host.SendNativeAsync(HttpMethod.Get, "/self-service/login/api");
        created.StatusCode.Should().Be(HttpStatusCode.OK, loginFlow.ToString());
        var loginFlowId = loginFlow.GetProperty("id").GetGuid();

        var (signedIn, login) = await _host.SendNativeAsync(HttpMethod.Post, $"/self-service/login?flow={loginFlowId}", $$"""{"method":"password","identifier":"native@ory.sh","password":"{{Password}}"}""");
        signedIn.StatusCode.Should().Be(HttpStatusCode.OK, login.ToString());
        login.EnumerateObject().Select(p => p.Name).Should().Equal("session_token", "session", "continue_with");
        var token = login.GetProperty("session_token").GetString()!;
        token.Should().StartWith("ory_st_").And.NotBe(recoveryToken);
        login.GetProperty("session").GetProperty("authentication_methods")[0].GetProperty("method").GetString().Should().Be("password");
        signedIn.Headers.Contains("Set-Cookie").Should().BeFalse();

        var (whoami, session) = await _host.SendNativeAsync(HttpMethod.Get, "/sessions/whoami", token: token);
        whoami.StatusCode.Should().Be(HttpStatusCode.OK, session.ToString());
        session.GetProperty("identity").GetProperty("id").GetGuid().Should().Be(identityId);

        var logs = string.Join('\n', _host.Logs.Lines);
        logs.Should().NotContain(Password).And.NotContain(token).And.NotContain(recoveryToken);
    }

    [Fact]
    public async Task A_wrong_password_is_4000006_on_the_same_flow_and_no_session_is_issued()
    {
        var (_, token, settingsFlowId) = await RecoverAsync(_host, "wrong@ory.sh");
        await _host.SendNativeAsync(HttpMethod.Post, $"/self-service/settings?flow={settingsFlowId}", $$"""{"method":"password","password":"{{Password}}"}""", token);
        var (_, loginFlow) = await _host.SendNativeAsync(HttpMethod.Get, "/self-service/login/api");
        var id = loginFlow.GetProperty("id").GetGuid();

        var (refused, flow) = await _host.SendNativeAsync(HttpMethod.Post, $"/self-service/login?flow={id}", """{"method":"password","identifier":"wrong@ory.sh","password":"not-the-password"}""");
        refused.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        flow.GetProperty("id").GetGuid().Should().Be(id);
        flow.GetProperty("ui").GetProperty("messages")[0].GetProperty("id").GetInt64().Should().Be(4000006);
        var (unknown, unknownFlow) = await _host.SendNativeAsync(HttpMethod.Post, $"/self-service/login?flow={id}", $$"""{"method":"password","identifier":"nobody@ory.sh","password":"{{Password}}"}""");
        unknown.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        unknownFlow.GetProperty("ui").GetProperty("messages")[0].GetProperty("id").GetInt64().Should().Be(4000006);
    }
}
