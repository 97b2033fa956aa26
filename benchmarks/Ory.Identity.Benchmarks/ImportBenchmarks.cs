using BenchmarkDotNet.Attributes;

namespace Ory.Identity.Benchmarks;

/// <summary>
/// Importing 10,000 users with pre-hashed bcrypt passwords (no re-hash at import): <see cref="IIdentityManager.CreateManyAsync"/>
/// in batches of 1,000 beside the same 10,000 created one by one with <see cref="IIdentityManager.CreateAsync"/> (baseline).
/// </summary>
[MemoryDiagnoser]
public class ImportBenchmarks
{
    public const int Users = 10_000;
    public const int BatchSize = 1_000;

    // One cost-12 bcrypt hash for every user: hashes are not unique, and computing 10,000 would take 40 minutes.
    internal static readonly string Hash = BCrypt.Net.BCrypt.HashPassword("correct horse battery staple", 12);

    private OryHost? _host;
    private CreateIdentityRequest[] _requests = [];

    [IterationSetup]
    public void Setup()
    {
        _host = new OryHost();
        _host.Manager.CreateAsync(OryHost.Request(Emails.Fresh(1)[0])).GetAwaiter().GetResult();
        _requests = Array.ConvertAll(Emails.Fresh(Users), email => OryHost.ImportRequest(email, Hash));
    }

    [IterationCleanup]
    public void Cleanup()
    {
        Emails.Check(_host!.Store.CountAsync().AsTask().GetAwaiter().GetResult() == Users + 1, "every imported user stored");
        _host.Dispose();
        _host = null;
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Users)]
    public async Task CreateAsync_one_by_one()
    {
        foreach (var request in _requests)
        {
            await _host!.Manager.CreateAsync(request);
        }
    }

    [Benchmark(OperationsPerInvoke = Users)]
    public async Task CreateManyAsync_batches_of_1000()
    {
        for (var start = 0; start < Users; start += BatchSize)
        {
            var result = await _host!.Manager.CreateManyAsync(_requests[start..(start + BatchSize)]);
            Emails.Check(result.Identities.All(r => r is { Succeeded: true }), "every batch item created");
        }
    }
}
