using System.Diagnostics;
using System.Globalization;
using Ory.Identity.Fuzz.Tests.Catalog;
using Ory.Identity.Fuzz.Tests.Http;
using Ory.Identity.Fuzz.Tests.Mutation;
using Ory.Identity.Fuzz.Tests.Oracle;
using Ory.Identity.Fuzz.Tests.Report;
using Ory.Identity.Fuzz.Tests.Seeds;
using Ory.Identity.Fuzz.Tests.Server;
using Ory.Identity.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Ory.Identity.Fuzz.Tests;

/// <summary>
/// One fuzz run against one server: seeds the store, then sends the generated cases one by one, judging each answer
/// (<see cref="ResponseOracle"/>), comparing the store after every refused request with the store before it
/// (<see cref="StoreSnapshot"/>), seeding again after an accepted DELETE, and checking <c>/health/alive</c> on both
/// ports every <see cref="HealthEvery"/> cases. At each health check the identities that accepted requests created
/// are deleted through the store, so that reading the whole store after every case stays cheap.
/// </summary>
public sealed class FuzzRun(FuzzServer server, FuzzSettings settings)
{
    /// <summary>How many cases run between two health checks.</summary>
    public const int HealthEvery = 25;

    private readonly HashSet<Guid> _flows = [];
    private readonly Stopwatch _storeReading = new();

    /// <summary>Runs <see cref="FuzzSettings.Cases"/> cases, or fewer when <see cref="FuzzSettings.Budget"/> runs out.</summary>
    /// <exception cref="InvalidOperationException">A route has no seed (<see cref="SeedCatalog.Missing"/>).</exception>
    public async Task<FuzzOutcome> RunAsync()
    {
        var endpoints = EndpointCatalog.Of(server);
        var missing = SeedCatalog.Missing(endpoints);
        if (missing.Count > 0)
        {
            throw new InvalidOperationException("The fuzz seeds lack: " + string.Join("; ", missing));
        }

        var clock = Stopwatch.StartNew();
        var state = await SeedAsync();
        var before = await SnapshotAsync();
        var generator = new FuzzCaseGenerator(settings.Seed, endpoints);
        var failures = new List<FuzzFailure>();
        var run = 0;
        for (; run < settings.Cases && clock.Elapsed < settings.Budget; run++)
        {
            var request = generator.Generate(run, state, Port);
            try
            {
                var response = await RawHttpClient.SendAsync(request, Port(request.Api));
                if (ResponseOracle.Judge(request, response) is { } verdict)
                {
                    failures.Add(Failure(run, verdict.Kind, verdict.Detail, request, response));
                }

                var after = await SnapshotAsync();
                var refused = response is null || response.Status >= 400;
                if (refused && after.DifferencesFrom(before) is { Count: > 0 } differences)
                {
                    failures.Add(Failure(run, FailureKind.StoreChanged, $"answered {response?.Status.ToString(CultureInfo.InvariantCulture) ?? "nothing"} but {string.Join("; ", differences)}", request, response));
                }

                if (after.UnwritableIdentities is { Count: > 0 } unwritable)
                {
                    failures.Add(Failure(run, FailureKind.UnwritableIdentity, $"answered {response?.Status.ToString(CultureInfo.InvariantCulture) ?? "nothing"} and the store now holds identity {string.Join(", ", unwritable)}, which cannot be written as JSON", request, response));

                    // Left in place, it would break every later list and read: remove it, seed again and go on.
                    await DeleteAsync(unwritable);
                    state = await SeedAsync();
                    after = await SnapshotAsync();
                }

                before = after;
                if (!refused && request.Method == "DELETE")
                {
                    state = await SeedAsync();
                    before = await SnapshotAsync();
                }

                if ((run + 1) % HealthEvery == 0)
                {
                    if (!await HealthyAsync())
                    {
                        failures.Add(Failure(run, FailureKind.ServerDown, "GET /health/alive did not answer 200 after this case", request, response));
                        run++;
                        break;
                    }

                    await DeleteAllButSeedsAsync(state);
                    before = await SnapshotAsync();
                }
            }
            catch (Exception e)
            {
                throw new InvalidOperationException($"Case {run} of ORY_FUZZ_SEED={settings.Seed} on {server.Store} ({request}) broke the fuzz run itself.", e);
            }
        }

        return new FuzzOutcome(failures, run, clock.Elapsed, _storeReading.Elapsed, run < settings.Cases);
    }

    private int Port(FuzzApi api) => api == FuzzApi.Admin ? server.AdminPort : server.PublicPort;

    private FuzzFailure Failure(int index, FailureKind kind, string detail, FuzzRequest request, RawResponse? response)
    {
        return new FuzzFailure(server.Store, settings.Seed, index, kind, detail, request, response);
    }

    private async Task<SeedState> SeedAsync()
    {
        var state = await SeedState.CreateAsync(server);
        _flows.Clear();
        foreach (var name in new[] { "flow", "link_flow", "code_flow" })
        {
            _flows.Add(Guid.Parse(state.Values[name]));
        }

        return state;
    }

    private async Task DeleteAllButSeedsAsync(SeedState state)
    {
        var store = server.Services.GetRequiredService<IIdentityStore>();
        var seeds = new[] { Guid.Parse(state.Values["human"]), Guid.Parse(state.Values["machine"]) };
        var others = await store.ListAsync(new IdentityStoreQuery { Limit = 10_000 });
        await DeleteAsync(others.Select(i => i.Id).Where(id => !seeds.Contains(id)));
    }

    private async Task DeleteAsync(IEnumerable<Guid> ids)
    {
        var store = server.Services.GetRequiredService<IIdentityStore>();
        foreach (var id in ids)
        {
            await store.DeleteAsync(id);
        }
    }

    private async Task<StoreSnapshot> SnapshotAsync()
    {
        _storeReading.Start();
        try
        {
            return await StoreSnapshot.CaptureAsync(server.Services, _flows);
        }
        finally
        {
            _storeReading.Stop();
        }
    }

    private async Task<bool> HealthyAsync()
    {
        foreach (var api in new[] { FuzzApi.Admin, FuzzApi.Public })
        {
            var health = new FuzzRequest { Api = api, Route = "/health/alive", Method = "GET", Target = "/health/alive" };
            if (await RawHttpClient.SendAsync(health, Port(api)) is not { Status: 200 })
            {
                return false;
            }
        }

        return true;
    }
}
