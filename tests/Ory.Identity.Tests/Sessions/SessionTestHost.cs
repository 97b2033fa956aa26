using Ory.Identity.Tests.Support;

namespace Ory.Identity.Tests.Sessions;

/// <summary>A test host for sessions: the in-memory stores, a fake clock and a configured cookie secret.</summary>
internal static class SessionTestHost
{
    public const string Secret = "a-very-secret-session-secret-001";

    public static TestHost Create(Action<OryIdentityOptions>? configure = null) =>
        new(configure: builder => builder.Configure(o =>
        {
            o.Secrets.Cookie = [Secret];
            configure?.Invoke(o);
        }));

    public static ISessionManager Sessions(this TestHost host) => host.Get<ISessionManager>();

    public static Task<Identity> CreatePersonAsync(this TestHost host, string email = "foo@ory.sh") =>
        host.Manager.CreateAsync(TestHost.Create($$"""{"email":"{{email}}"}"""));

    public static Task<IssuedSession> SignInAsync(this TestHost host, Guid identityId) =>
        host.Sessions().IssueAsync(identityId, SessionAuthenticationMethods.Password);

    public static Task<Identity> SetStateAsync(this TestHost host, Identity identity, IdentityState state) =>
        host.Manager.UpdateAsync(identity.Id, new UpdateIdentityRequest { Traits = identity.Traits, State = state });
}
