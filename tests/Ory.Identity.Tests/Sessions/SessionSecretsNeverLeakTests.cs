using Ory.Identity.Storage;

namespace Ory.Identity.Tests.Sessions;

/// <summary>Session tokens, their hashes and logout tokens never reach logs, exception texts or <c>ToString()</c>.</summary>
public sealed class SessionSecretsNeverLeakTests
{
    [Fact]
    public async Task Tokens_hashes_and_logout_tokens_never_reach_logs_exceptions_or_ToString()
    {
        using var host = SessionTestHost.Create();
        var identity = await host.CreatePersonAsync();
        var sessions = host.Sessions();
        var texts = new List<string>();

        var issued = await host.SignInAsync(identity.Id);
        var hash = (await host.Get<ISessionStore>().GetAsync(issued.Session.Id))!.TokenHash;
        var logout = sessions.GetLogoutToken(issued.Session);
        var session = await sessions.AuthenticateAsync(issued.Token);
        await sessions.ReauthenticateAsync(issued.Session.Id, "password");
        await sessions.ExtendAsync(issued.Session.Id);
        await sessions.RevokeAllAsync(identity.Id, issued.Session.Id);
        await sessions.RevokeAsync(issued.Session.Id);
        await sessions.AuthenticateAsync(issued.Token);
        await sessions.DeleteByIdentityAsync(identity.Id);
        try
        {
            await sessions.ListAsync(new SessionListQuery { PageToken = issued.Token });
        }
        catch (InvalidRequestException e)
        {
            texts.Add(e.ToString());
        }

        texts.AddRange([issued.ToString(), issued.Session.ToString(), session!.ToString()]);
        texts.AddRange(host.Logs.Texts);

        host.Logs.Lines.Should().Contain(l => l.Contains("[4001]", StringComparison.Ordinal), "issuing is logged");
        host.Logs.Lines.Should().Contain(l => l.Contains("[4002]", StringComparison.Ordinal), "revoking is logged");
        foreach (var secret in new[] { issued.Token, issued.Token[7..], hash, logout, logout[7..] })
        {
            texts.Should().NotContain(t => t.Contains(secret, StringComparison.Ordinal));
        }
    }
}
