using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Ory.Identity.AspNetCore;

namespace Ory.Identity.Benchmarks;

/// <summary>
/// API key authentication on the in-memory store: <see cref="IApiKeyManager.AuthenticateAsync"/> and the ASP.NET Core
/// handler (<c>AddOryApiKey()</c>, through <c>HttpContext.AuthenticateAsync</c>) beside the irreducible work as the
/// baseline: a dictionary lookup of the key id and the HMAC-SHA256 of the key (with a keyed HMAC instance reused, as
/// the library does) compared in constant time.
/// </summary>
/// <remarks>
/// <see cref="Accounts"/> service accounts with one key each; every call presents the next key in turn (always valid).
/// One thread: per-core throughput is 1 / mean.
/// </remarks>
[MemoryDiagnoser]
public class ApiKeyBenchmarks
{
    public const int Accounts = 1_000;

    private const string Secret = "a-benchmark-secret-of-32-characters";
    private const string MachineSchema =
        """{"type":"object","properties":{"traits":{"type":"object","properties":{"name":{"type":"string"}},"required":["name"]}}}""";

    private readonly ConcurrentDictionary<string, byte[]> _rawHashes = new(StringComparer.Ordinal);
    private readonly byte[] _rawKey = Encoding.UTF8.GetBytes(Secret);
    private IncrementalHash _rawMac = null!;
    private ServiceProvider _provider = null!;
    private IServiceScopeFactory _scopes = null!;
    private IApiKeyManager _keys = null!;
    private string[] _presented = [];
    private string[] _headers = [];
    private int _next;

    [GlobalSetup]
    public void Setup()
    {
        _rawMac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, _rawKey);
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        services.AddOryIdentity(o => o.Secrets.Default = [Secret])
            .AddSchema("default", "file://" + OryHost.SchemaPath)
            .AddMachineSchema("service", MachineSchema)
            .UseInMemoryStorage();
        services.AddAuthentication().AddOryApiKey();
        _provider = services.BuildServiceProvider();
        _keys = _provider.GetRequiredService<IApiKeyManager>();
        _scopes = _provider.GetRequiredService<IServiceScopeFactory>();
        var manager = _provider.GetRequiredService<IIdentityManager>();

        _presented = new string[Accounts];
        for (var i = 0; i < Accounts; i++)
        {
            var account = manager.CreateAsync(new CreateIdentityRequest
            {
                SchemaId = "service",
                Traits = JsonDocument.Parse($$"""{"name":"svc-{{i}}"}""").RootElement.Clone(),
            }).GetAwaiter().GetResult();
            var issued = _keys.IssueAsync(account.Id, "bench").GetAwaiter().GetResult();
            _presented[i] = issued.Secret;
            _rawHashes[issued.Key.Id] = HMACSHA256.HashData(_rawKey, Encoding.ASCII.GetBytes(issued.Secret[7..76]));
        }

        _headers = _presented.Select(k => "Bearer " + k).ToArray();
        for (var i = 0; i < Accounts; i++)
        {
            if (!_keys.AuthenticateAsync(_presented[i]).AsTask().GetAwaiter().GetResult().Succeeded
                || !Raw_LookupAndHmac_For(_presented[i])
                || !Handler_HttpContextAuthenticateAsync().GetAwaiter().GetResult())
            {
                throw new InvalidOperationException("A benchmark key does not authenticate.");
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
    public bool Raw_LookupAndHmac() => Raw_LookupAndHmac_For(_presented[Next()]);

    [Benchmark]
    public async ValueTask<bool> AuthenticateAsync() => (await _keys.AuthenticateAsync(_presented[Next()])).Succeeded;

    /// <summary>What every request costs before authentication: its context and its service scope.</summary>
    [Benchmark]
    public bool Request_ContextAndScopeOnly()
    {
        using var scope = _scopes.CreateScope();
        var context = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
        context.Request.Headers.Authorization = _headers[Next()];
        return context.Request.Headers.Authorization.Count == 1;
    }

    /// <summary>A request through the handler, as ASP.NET Core runs it: a new context and service scope per request.</summary>
    [Benchmark]
    public async Task<bool> Handler_HttpContextAuthenticateAsync()
    {
        using var scope = _scopes.CreateScope();
        var context = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
        context.Request.Headers.Authorization = _headers[Next()];
        var result = await context.AuthenticateAsync(OryApiKeyDefaults.AuthenticationScheme);
        return result.Succeeded;
    }

    private int Next() => _next = _next + 1 == Accounts ? 0 : _next + 1;

    private bool Raw_LookupAndHmac_For(string key)
    {
        if (!_rawHashes.TryGetValue(key.Substring(7, 16), out var stored))
        {
            return false;
        }

        Span<byte> material = stackalloc byte[69];
        Encoding.ASCII.GetBytes(key.AsSpan(7, 69), material);
        Span<byte> hash = stackalloc byte[32];
        _rawMac.AppendData(material);
        _rawMac.TryGetHashAndReset(hash, out _);
        return CryptographicOperations.FixedTimeEquals(hash, stored);
    }
}
