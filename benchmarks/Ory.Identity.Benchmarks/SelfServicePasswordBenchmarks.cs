using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Microsoft.Extensions.DependencyInjection;

namespace Ory.Identity.Benchmarks;

/// <summary>
/// The password steps of the invite on the in-memory store, each beside the raw BCrypt.Net-Next work it cannot avoid
/// (cost 12, as the library's default): a password login through <see cref="ISelfServiceLogin"/> (a new API flow, the
/// submission, a new session) against one <c>Verify</c>; a settings password change through
/// <see cref="ISelfServiceSettings.SetPasswordAsync"/> (a flow, the policy without the breach check, the new hash, the
/// same-as-old check, the store) against one <c>HashPassword</c> plus one <c>Verify</c>.
/// </summary>
/// <remarks>A bcrypt-12 operation takes about a quarter of a second, so the job is short: 5 iterations of 4 calls.</remarks>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 5, invocationCount: 4)]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class SelfServicePasswordBenchmarks
{
    private const int Cost = 12;
    private const string Password = "correct horse battery staple";
    private const string NewPasswordA = "a brand new passphrase, number one";
    private const string NewPasswordB = "a brand new passphrase, number two";
    private static readonly string Hash = BCrypt.Net.BCrypt.HashPassword(Password, Cost);

    private ServiceProvider _provider = null!;
    private ISelfServiceLogin _login = null!;
    private ISelfServiceSettings _settings = null!;
    private string _email = string.Empty;
    private Session _settingsSession = null!;
    private bool _nextIsA = true;

    [GlobalSetup]
    public void Setup()
    {
        var services = new ServiceCollection();
        services.AddOryIdentity(o =>
            {
                o.Hashers.Bcrypt.Cost = Cost;
                o.SelfService.Methods.Password.Config.HaveIBeenPwnedEnabled = false;
            })
            .AddSchema("default", "file://" + OryHost.SchemaPath)
            .UseInMemoryStorage();
        _provider = services.BuildServiceProvider();
        _login = _provider.GetRequiredService<ISelfServiceLogin>();
        _settings = _provider.GetRequiredService<ISelfServiceSettings>();
        var manager = _provider.GetRequiredService<IIdentityManager>();

        _email = Emails.Fresh(1)[0];
        manager.CreateAsync(OryHost.ImportRequest(_email, Hash)).GetAwaiter().GetResult();
        Emails.Check(LoginFlowAsync().GetAwaiter().GetResult() is not null, "login works");

        // A second person whose password the settings benchmark changes back and forth, in a fresh (privileged) session.
        var other = Emails.Fresh(1)[0];
        var person = manager.CreateAsync(OryHost.ImportRequest(other, Hash)).GetAwaiter().GetResult();
        _settingsSession = _provider.GetRequiredService<ISessionManager>()
            .IssueAsync(person.Id, SessionAuthenticationMethods.Password).GetAwaiter().GetResult().Session;
    }

    [GlobalCleanup]
    public void Cleanup() => _provider.Dispose();

    [Benchmark(Baseline = true)]
    [BenchmarkCategory("login")]
    public bool BCrypt_Verify() => BCrypt.Net.BCrypt.Verify(Password, Hash);

    [Benchmark]
    [BenchmarkCategory("login")]
    public async Task<Session> LoginFlowAsync()
    {
        var flow = await _login.CreateFlowAsync(SelfServiceFlowType.Api);
        var result = await _login.SubmitPasswordAsync(flow.Id, _email, Password);
        return result.Session;
    }

    [Benchmark(Baseline = true)]
    [BenchmarkCategory("settings")]
    public bool BCrypt_HashAndVerify() =>
        BCrypt.Net.BCrypt.Verify(NewPasswordA, Hash) | BCrypt.Net.BCrypt.HashPassword(NewPasswordB, Cost).Length > 0;

    [Benchmark]
    [BenchmarkCategory("settings")]
    public async Task<SettingsFlow> SetPasswordAsync()
    {
        var password = _nextIsA ? NewPasswordA : NewPasswordB;
        _nextIsA = !_nextIsA;
        return await _settings.SetPasswordAsync(_settingsSession, password);
    }
}
