using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Ory.Identity.Benchmarks;

/// <summary>
/// Session token authentication on the in-memory store (<see cref="ISessionManager.AuthenticateAsync"/>, Kratos's
/// whoami in process) beside the irreducible work as the baseline: the keyed HMAC-SHA256 of the token (a keyed
/// instance reused, as the library does) and a dictionary lookup of its hash.
/// </summary>
/// <remarks>
/// <see cref="People"/> identities with one session each; every call presents the next token in turn (always valid).
/// One thread: per-core throughput is 1 / mean. Run it beside <see cref="ApiKeyBenchmarks"/> to compare:
/// <c>--filter '*SessionBenchmarks*' '*ApiKeyBenchmarks.AuthenticateAsync*'</c>.
/// </remarks>
[MemoryDiagnoser]
public class SessionBenchmarks
{
    public const int People = 1_000;

    private const string Secret = "a-benchmark-secret-of-32-characters";

    private readonly ConcurrentDictionary<string, Guid> _rawHashes = new(StringComparer.Ordinal);
    private readonly IncrementalHash _rawMac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, Encoding.UTF8.GetBytes(Secret));
    private ServiceProvider _provider = null!;
    private ISessionManager _sessions = null!;
    private string[] _tokens = [];
    private int _next;

    [GlobalSetup]
    public void Setup()
    {
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        services.AddOryIdentity(o => o.Secrets.Cookie = [Secret])
            .AddSchema("default", "file://" + OryHost.SchemaPath)
            .UseInMemoryStorage();
        _provider = services.BuildServiceProvider();
        _sessions = _provider.GetRequiredService<ISessionManager>();
        var manager = _provider.GetRequiredService<IIdentityManager>();

        _tokens = new string[People];
        for (var i = 0; i < People; i++)
        {
            var person = manager.CreateAsync(new CreateIdentityRequest
            {
                Traits = JsonDocument.Parse($$"""{"email":"person-{{i}}@example.com"}""").RootElement.Clone(),
            }).GetAwaiter().GetResult();
            var issued = _sessions.IssueAsync(person.Id, SessionAuthenticationMethods.Password).GetAwaiter().GetResult();
            _tokens[i] = issued.Token;
            _rawHashes[RawHash(issued.Token)] = issued.Session.Id;
        }

        foreach (var token in _tokens)
        {
            if (_sessions.AuthenticateAsync(token).GetAwaiter().GetResult() is null || !Raw_HmacAndLookup_For(token))
            {
                throw new InvalidOperationException("A benchmark session does not authenticate.");
            }
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _provider.Dispose();
        _rawMac.Dispose();
    }

    [Benchmark(Baseline = true)]
    public bool Raw_HmacAndLookup() => Raw_HmacAndLookup_For(_tokens[Next()]);

    [Benchmark]
    public async Task<bool> AuthenticateAsync() => await _sessions.AuthenticateAsync(_tokens[Next()]) is not null;

    private int Next() => _next = _next + 1 == People ? 0 : _next + 1;

    private bool Raw_HmacAndLookup_For(string token) => _rawHashes.ContainsKey(RawHash(token));

    private string RawHash(string token)
    {
        Span<byte> input = stackalloc byte[token.Length];
        Encoding.ASCII.GetBytes(token, input);
        _rawMac.AppendData(input);
        Span<byte> hash = stackalloc byte[32];
        _rawMac.TryGetHashAndReset(hash, out _);
        return Convert.ToHexStringLower(hash);
    }
}
