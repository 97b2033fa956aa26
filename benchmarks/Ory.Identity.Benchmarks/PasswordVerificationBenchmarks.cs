using BenchmarkDotNet.Attributes;

namespace Ory.Identity.Benchmarks;

/// <summary>
/// What a login costs beyond the hash itself: <see cref="IIdentityManager.VerifyPasswordAsync"/> (identifier lookup,
/// format detection, bounds checks, constant-time compare) beside BCrypt.Net-Next's <c>Verify</c> of the same cost-12
/// hash (baseline).
/// </summary>
[MemoryDiagnoser]
public class PasswordVerificationBenchmarks
{
    private const string Password = "correct horse battery staple";
    private static readonly string Hash = BCrypt.Net.BCrypt.HashPassword(Password, 12);

    private OryHost? _host;
    private string _email = string.Empty;

    [GlobalSetup]
    public void Setup()
    {
        _host = new OryHost();
        _email = Emails.Fresh(1)[0];
        _host.Manager.CreateAsync(OryHost.ImportRequest(_email, Hash)).GetAwaiter().GetResult();
        Emails.Check(_host.Manager.VerifyPasswordAsync(_email, Password).GetAwaiter().GetResult() is { Succeeded: true, Rehashed: false }, "login works without rehash");
    }

    [GlobalCleanup]
    public void Cleanup() => _host?.Dispose();

    [Benchmark(Baseline = true)]
    public bool BCrypt_Verify() => BCrypt.Net.BCrypt.Verify(Password, Hash);

    [Benchmark]
    public async Task<bool> VerifyPasswordAsync() => (await _host!.Manager.VerifyPasswordAsync(_email, Password)).Succeeded;
}
