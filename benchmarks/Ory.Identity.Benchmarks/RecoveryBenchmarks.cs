using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace Ory.Identity.Benchmarks;

/// <summary>
/// Issuing and redeeming recovery links and codes on the in-memory stores, beside the bare minimum of the same work
/// (a 32-character CSPRNG token and its HMAC-SHA512/256) as the baseline.
/// </summary>
/// <remarks>
/// Flows accumulate, so each iteration starts from a fresh host with one identity and runs <see cref="Ops"/> operations
/// in one invocation; times are per operation.
/// </remarks>
[MemoryDiagnoser]
public class RecoveryBenchmarks
{
    public const int Ops = 20_000;

    private ServiceProvider? _provider;
    private IRecoveryLinkIssuer _issuer = null!;
    private IRecoveryRedeemer _redeemer = null!;
    private SecretHasher _hasher = null!;
    private Guid _identity;
    private (Guid Flow, string Token)[] _links = [];

    [IterationSetup]
    public void Setup()
    {
        var services = new ServiceCollection();
        services.AddOryIdentity(o =>
            {
                o.SelfService.Methods.Link.Enabled = true;
                o.Secrets.Default = ["a-benchmark-secret-of-32-characters"];
            })
            .AddSchema("default", "file://" + OryHost.SchemaPath)
            .UseInMemoryStorage();
        _provider = services.BuildServiceProvider();
        _issuer = _provider.GetRequiredService<IRecoveryLinkIssuer>();
        _redeemer = _provider.GetRequiredService<IRecoveryRedeemer>();
        _hasher = _provider.GetRequiredService<SecretHasher>();
        _identity = _provider.GetRequiredService<IIdentityManager>()
            .CreateAsync(OryHost.Request(Emails.Fresh(1)[0])).GetAwaiter().GetResult().Id;

        // Links to redeem, issued outside the measurement.
        _links = new (Guid, string)[Ops];
        for (var i = 0; i < Ops; i++)
        {
            var link = _issuer.CreateRecoveryLinkAsync(_identity, Duration.FromHours(12)).GetAwaiter().GetResult();
            var token = link.Link[(link.Link.LastIndexOf('=') + 1)..];
            _links[i] = (link.FlowId, token);
        }
    }

    [IterationCleanup]
    public void Cleanup()
    {
        _provider?.Dispose();
        _provider = null;
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Ops)]
    public int Raw_TokenAndHmac()
    {
        var total = 0;
        for (var i = 0; i < Ops; i++)
        {
            var token = RandomNumberGenerator.GetString("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", 32);
            total += _hasher.Hash(token).Length;
        }

        return total;
    }

    [Benchmark(OperationsPerInvoke = Ops)]
    public async Task CreateRecoveryLinkAsync()
    {
        for (var i = 0; i < Ops; i++)
        {
            await _issuer.CreateRecoveryLinkAsync(_identity, Duration.FromHours(12));
        }
    }

    [Benchmark(OperationsPerInvoke = Ops)]
    public async Task CreateRecoveryCodeAsync()
    {
        for (var i = 0; i < Ops; i++)
        {
            await _issuer.CreateRecoveryCodeAsync(_identity, Duration.FromHours(12));
        }
    }

    [Benchmark(OperationsPerInvoke = Ops)]
    public async Task RedeemLinkAsync()
    {
        foreach (var (flow, token) in _links)
        {
            await _redeemer.RedeemLinkAsync(flow, token);
        }
    }
}
