namespace Ory.Identity.Tests.Sessions;

/// <summary>Revocation racing authentication: once a revocation completes, no authentication of the session succeeds.</summary>
public sealed class SessionConcurrencyTests
{
    [Fact]
    public async Task After_a_revocation_completes_no_authentication_succeeds_even_while_others_race_it()
    {
        using var host = SessionTestHost.Create();
        var identity = await host.CreatePersonAsync();
        var sessions = host.Sessions();

        for (var round = 0; round < 20; round++)
        {
            var issued = await host.SignInAsync(identity.Id);
            var revokedAt = 0L;
            var lateSuccesses = 0;
            using var start = new ManualResetEventSlim();
            var readers = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
            {
                start.Wait();
                for (var i = 0; i < 200; i++)
                {
                    var revokedBefore = Interlocked.Read(ref revokedAt) != 0;
                    var session = await sessions.AuthenticateAsync(issued.Token);
                    if (revokedBefore && session is not null)
                    {
                        Interlocked.Increment(ref lateSuccesses);
                    }
                }
            })).ToArray();
            var revoker = Task.Run(async () =>
            {
                start.Wait();
                await sessions.RevokeAsync(issued.Session.Id);
                Interlocked.Exchange(ref revokedAt, 1);
            });

            start.Set();
            await Task.WhenAll([.. readers, revoker]);

            lateSuccesses.Should().Be(0);
            (await sessions.AuthenticateAsync(issued.Token)).Should().BeNull();
        }
    }

    [Fact]
    public async Task Concurrent_reauthentications_lose_no_method()
    {
        using var host = SessionTestHost.Create();
        var identity = await host.CreatePersonAsync();
        var issued = await host.SignInAsync(identity.Id);

        await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => Task.Run(() => host.Sessions().ReauthenticateAsync(issued.Session.Id, "password"))));

        (await host.Sessions().GetAsync(issued.Session.Id)).AuthenticationMethods.Should().HaveCount(17);
    }
}
