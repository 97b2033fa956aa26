using NodaTime;
using Ory.Identity.Tests.Support;

namespace Ory.Identity.Tests.ApiKeys;

/// <summary>A test host with the quickstart person schema as default and the "service" machine schema.</summary>
internal static class MachineTestHost
{
    public const string Secret = "an-api-key-secret-for-tests-0001";

    public static TestHost Create(Action<OryIdentityOptions>? configure = null, Action<OryIdentityBuilder>? builder = null) =>
        new(configure: b =>
        {
            b.AddMachineSchema("service", TestHost.SchemaUrl("service-account"))
                .Configure(o =>
                {
                    o.Secrets.Default = [Secret];
                    configure?.Invoke(o);
                });
            builder?.Invoke(b);
        });

    public static Task<Identity> CreateServiceAccountAsync(this TestHost host, string name = "ci-deployer") =>
        host.Manager.CreateAsync(TestHost.Create($$"""{"name":"{{name}}","owner":"platform@example.com"}""", "service"));

    public static IApiKeyManager ApiKeys(this TestHost host) => host.Get<IApiKeyManager>();

    public static Duration Days(int days) => Duration.FromDays(days);
}
