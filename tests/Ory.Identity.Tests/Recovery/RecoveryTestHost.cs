using NodaTime;
using Ory.Identity.Storage.InMemory;
using Ory.Identity.Testing;
using Ory.Identity.Tests.Support;

namespace Ory.Identity.Tests.Recovery;

/// <summary>A test host with the seed's recovery configuration: link enabled with the seed's base_url, an outbox.</summary>
internal static class RecoveryTestHost
{
    public const string SeedBaseUrl = "http://127.0.0.1:4455/";
    public const string Secret = "a-very-secret-cookie-secret-0001";

    public static TestHost Create(Action<OryIdentityOptions>? configure = null) =>
        new(configure: builder => builder
            .Configure(o =>
            {
                o.SelfService.Methods.Link.Enabled = true;
                o.SelfService.Methods.Link.Config.BaseUrl = SeedBaseUrl;
                o.Secrets.Cookie = [Secret];
                configure?.Invoke(o);
            })
            .UseInMemoryRecoveryOutbox());

    public static Task<Identity> CreateFooAsync(this TestHost host, string email = "foo@ory.sh") =>
        host.Manager.CreateAsync(TestHost.Create($$"""{"email":"{{email}}"}"""));

    public static IRecoveryLinkIssuer Issuer(this TestHost host) => host.Get<IRecoveryLinkIssuer>();

    public static IRecoveryRedeemer Redeemer(this TestHost host) => host.Get<IRecoveryRedeemer>();

    public static ISelfServiceRecovery SelfService(this TestHost host) => host.Get<ISelfServiceRecovery>();

    public static InMemoryRecoveryOutbox Outbox(this TestHost host) => host.Get<InMemoryRecoveryOutbox>();

    /// <summary>The flow id and token of a recovery link (a code's link has no token: empty).</summary>
    public static (Guid Flow, string Token) Parse(string link) =>
        (RecoveryLinkQuery.FlowId(link), link.Contains("&token=", StringComparison.Ordinal) ? RecoveryLinkQuery.Token(link) : string.Empty);

    public static Duration Hours(int hours) => Duration.FromHours(hours);
}
