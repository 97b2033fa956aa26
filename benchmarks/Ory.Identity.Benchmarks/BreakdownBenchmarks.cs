using System.Text.Json;
using BenchmarkDotNet.Attributes;
using NodaTime;

namespace Ory.Identity.Benchmarks;

/// <summary>
/// Where the time of one create goes: schema validation (with the <c>ory.sh/kratos</c> extension), identifier
/// normalization, applying derived values, JSON in and out, the store insert, and the whole
/// <see cref="IIdentityManager.CreateAsync"/>, measured in one run.
/// </summary>
[MemoryDiagnoser]
public class BreakdownBenchmarks
{
    public const int Ops = 5_000;

    private OryHost _shared = null!;
    private JsonElement _traits;
    private TraitsDerivation _derivation;
    private Identity _bare = null!;
    private Identity _created = null!;
    private Identity _stored = null!;
    private string _body = string.Empty;

    private OryHost? _fresh;
    private Identity[] _identities = [];
    private CreateIdentityRequest[] _requests = [];

    [GlobalSetup]
    public void Setup()
    {
        _shared = new OryHost();
        var email = Emails.Fresh(1)[0];
        _traits = OryHost.Traits(email);
        _derivation = _shared.Registry.Validate(_shared.Schema, _traits);
        _bare = Bare(_derivation.Traits, SystemClock.Instance.GetCurrentInstant());
        _created = _shared.Manager.CreateAsync(OryHost.Request(email)).GetAwaiter().GetResult();
        _stored = Build(email, SystemClock.Instance.GetCurrentInstant());
        _body = $$$"""{"schema_id":"default","traits":{"email":"{{{Emails.Fresh(1)[0]}}}"}}""";
    }

    // The two one-invocation-per-iteration benchmarks first reach their steady state (see SteadyState).
    [GlobalSetup(Targets = [nameof(Store_InsertAsync), nameof(Manager_CreateAsync)])]
    public void SetupSteady()
    {
        Setup();
        SteadyState.Reach(() =>
        {
            SetupInsert();
            Store_InsertAsync().GetAwaiter().GetResult();
            CleanupFresh();
            SetupCreate();
            Manager_CreateAsync().GetAwaiter().GetResult();
            CleanupFresh();
        });
    }

    [GlobalCleanup]
    public void Cleanup() => _shared.Dispose();

    [IterationSetup(Target = nameof(Store_InsertAsync))]
    public void SetupInsert()
    {
        _fresh = new OryHost();
        var now = SystemClock.Instance.GetCurrentInstant();
        _fresh.Store.InsertAsync(Build(Emails.Fresh(1)[0], now)).AsTask().GetAwaiter().GetResult();
        _identities = Array.ConvertAll(Emails.Fresh(Ops), e => Build(e, now));
    }

    [IterationSetup(Target = nameof(Manager_CreateAsync))]
    public void SetupCreate()
    {
        _fresh = new OryHost();
        _fresh.Manager.CreateAsync(OryHost.Request(Emails.Fresh(1)[0])).GetAwaiter().GetResult();
        _requests = Array.ConvertAll(Emails.Fresh(Ops), OryHost.Request);
    }

    [IterationCleanup(Targets = [nameof(Store_InsertAsync), nameof(Manager_CreateAsync)])]
    public void CleanupFresh()
    {
        _fresh?.Dispose();
        _fresh = null;
    }

    [Benchmark]
    public object Schema_Validate() => _shared.Registry.Validate(_shared.Schema, _traits);

    // The same validation without the fast path: JsonSchema.Net (hierarchical output) on {"traits": …}.
    [Benchmark]
    public object Schema_Validate_JsonSchemaNet() => TraitsValidator.Validate(_shared.Schema, _traits, ValidationPath.AuthoritativeOnly);

    [Benchmark]
    public string Normalize_LowerCase() => IdentifierNormalizer.NormalizeGraceful("user12345@example.com");

    [Benchmark]
    public string Normalize_MixedCase() => IdentifierNormalizer.NormalizeGraceful(" User12345@Example.COM ");

    [Benchmark]
    public Identity DerivedValues_Apply() => DerivedValuesApplier.Apply(_bare, _derivation, [], [], _bare.CreatedAt);

    // The NUL rule's share of a create: one search of the traits' raw UTF-8, then one pass over what goes to the store.
    [Benchmark]
    public void NulRule_Traits() => NulCharacterRule.EnsureTraits(_traits);

    [Benchmark]
    public Identity NulRule_Identity() => NulCharacterRule.EnsureStorable(_stored);

    [Benchmark]
    public CreateIdentityRequest Json_DeserializeRequest() => OryIdentityJson.Deserialize<CreateIdentityRequest>(_body);

    [Benchmark]
    public string Json_SerializeIdentity() => OryIdentityJson.Serialize(_created);

    [Benchmark(OperationsPerInvoke = Ops)]
    public async Task Store_InsertAsync()
    {
        var store = _fresh!.Store;
        foreach (var identity in _identities)
        {
            await store.InsertAsync(identity);
        }
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Ops)]
    public async Task Manager_CreateAsync()
    {
        var manager = _fresh!.Manager;
        foreach (var request in _requests)
        {
            await manager.CreateAsync(request);
        }
    }

    // Ids as the manager makes them (monotonic within a millisecond), so the store insert sees the manager's order.
    private static Identity Bare(JsonElement traits, Instant now) => new()
    {
        Id = UuidV7.New(now),
        SchemaId = "default",
        Traits = traits,
        StateChangedAt = now,
        CreatedAt = now,
        UpdatedAt = now,
    };

    // What the manager hands the store: validated, derived, with fresh ids, identifiers and addresses.
    private Identity Build(string email, Instant now)
    {
        var derivation = _shared.Registry.Validate(_shared.Schema, OryHost.Traits(email));
        return DerivedValuesApplier.Apply(Bare(derivation.Traits, now), derivation, [], [], now);
    }
}
