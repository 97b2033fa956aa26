using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using NodaTime.Testing;
using Ory.Identity.Tests.Support;

namespace Ory.Identity.Tests.Passwords;

/// <summary>
/// Ory.Identity as AddOryIdentity registers it, with the breached-password check on (unlike <see cref="TestHost"/>), the
/// range API's HttpClient answered by a <see cref="FakeRangeHandler"/>, a fake clock and captured logs.
/// </summary>
internal sealed class PasswordPolicyHost : IDisposable
{
    private readonly ServiceProvider _provider;

    public PasswordPolicyHost(Action<OryIdentityOptions>? configure = null, Action<IServiceCollection>? services = null)
    {
        var collection = new ServiceCollection();
        collection.AddLogging(logging => logging.AddProvider(Logs).SetMinimumLevel(LogLevel.Trace));
        collection.AddOryIdentity(o =>
            {
                o.Identity.DefaultSchemaId = "default";
                configure?.Invoke(o);
            })
            .AddSchema("default", TestHost.SchemaUrl("quickstart-email-password"))
            .UseClock(Clock)
            .UseInMemoryStorage();
        collection.AddHttpClient(PwnedPasswordsRangeClient.HttpClientName).ConfigurePrimaryHttpMessageHandler(() => Handler);
        services?.Invoke(collection);
        _provider = collection.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    public FakeClock Clock { get; } = new(TestHost.Start);

    public FakeRangeHandler Handler { get; } = new();

    public CapturingLoggerProvider Logs { get; } = new();

    public IPasswordPolicy Policy => Get<IPasswordPolicy>();

    public IBreachedPasswordChecker Checker => Get<IBreachedPasswordChecker>();

    public T Get<T>()
        where T : notnull => _provider.GetRequiredService<T>();

    public void Dispose() => _provider.Dispose();
}
