using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Ory.Identity.AspNetCore;

namespace Ory.Identity.Benchmarks;

/// <summary>
/// Compares how long self-service recovery takes to answer for known and for unknown addresses: many samples of each,
/// interleaved in random order, through the in-process API and over HTTP (Kestrel on a free loopback port), with the
/// medians, their difference and a Mann–Whitney U rank test. Not a BenchmarkDotNet job: the question is whether the two
/// distributions differ, not how fast either is.
/// </summary>
internal static class RecoveryTimingRuns
{
    /// <summary>The command-line switch: <c>--recovery-timing &lt;pairs&gt; [memory|sqlite]</c>.</summary>
    public const string Switch = "--recovery-timing";

    private const int KnownIdentities = 500;
    private const int WarmupPairs = 500;

    /// <summary>
    /// Measures <paramref name="pairs"/> known and as many unknown submissions on each path, on the in-memory store or
    /// (<paramref name="store"/> <c>sqlite</c>) a SQLite file in the temp directory, and prints the figures.
    /// </summary>
    public static void Run(int pairs, string store) => RunAsync(pairs, store).GetAwaiter().GetResult();

    private static async Task RunAsync(int pairs, string store)
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"recovery timing, {store} store: {pairs} known + {pairs} unknown submissions per path (method code, notify_unknown_recipients off), {Environment.ProcessorCount} cores, load average {LoadAverage()}"));
        Console.WriteLine("| path | known median | unknown median | difference | Mann–Whitney z |");
        Console.WriteLine("|---|---:|---:|---:|---:|");

        var database = Path.Combine(Path.GetTempPath(), $"recovery-timing-{Guid.NewGuid():N}.db");
        await using (var app = await StartAsync(store, database))
        {
            var recovery = app.Services.GetRequiredService<ISelfServiceRecovery>();
            await Report("in-process", pairs, async email =>
            {
                var flow = await recovery.CreateFlowAsync();
                var started = Stopwatch.GetTimestamp();
                await recovery.SubmitAddressAsync(flow.Id, email);
                return Stopwatch.GetElapsedTime(started);
            });

            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            using var client = new HttpClient { BaseAddress = new Uri(address) };
            await Report("HTTP", pairs, async email =>
            {
                var flow = await client.GetFromJsonAsync<JsonElement>("/self-service/recovery/api");
                var id = flow.GetProperty("id").GetString();
                using var body = JsonContent.Create(new { method = "code", email });
                var started = Stopwatch.GetTimestamp();
                using var response = await client.PostAsync($"/self-service/recovery?flow={id}", body);
                var elapsed = Stopwatch.GetElapsedTime(started);
                response.EnsureSuccessStatusCode();
                return elapsed;
            });
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"load average after: {LoadAverage()}"));
        foreach (var file in new[] { database, database + "-wal", database + "-shm" })
        {
            File.Delete(file);
        }
    }

    private static async Task Report(string path, int pairs, Func<string, Task<TimeSpan>> submit)
    {
        var random = new Random(20261207);
        var known = new List<double>(pairs);
        var unknown = new List<double>(pairs);
        for (var i = -WarmupPairs; i < pairs; i++)
        {
            var knownEmail = KnownEmail(random.Next(KnownIdentities));
            var unknownEmail = $"nobody-{Guid.NewGuid():N}@example.com";

            // Each pair runs both in random order, so a drift of the machine's speed touches both alike.
            var knownFirst = random.Next(2) == 0;
            var first = await submit(knownFirst ? knownEmail : unknownEmail);
            var second = await submit(knownFirst ? unknownEmail : knownEmail);
            if (i >= 0)
            {
                known.Add((knownFirst ? first : second).TotalMicroseconds);
                unknown.Add((knownFirst ? second : first).TotalMicroseconds);
            }
        }

        var knownMedian = Median(known);
        var unknownMedian = Median(unknown);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {path} | {knownMedian:F1} µs | {unknownMedian:F1} µs | {knownMedian - unknownMedian:+0.0;-0.0} µs | {MannWhitneyZ(known, unknown):+0.00;-0.00} |"));
    }

    // Recovery on, the code method, notify_unknown_recipients off (the case where a known address sends a message and
    // an unknown one does not), a rate limit no run reaches (so every submission makes the limit's store call), and a
    // sender that queues nothing. Kestrel listens on a free loopback port.
    private static async Task<WebApplication> StartAsync(string store, string database)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var oryIdentity = builder.Services.AddOryIdentity(o =>
            {
                o.Identity.DefaultSchemaId = "default";
                o.Secrets.Default = ["benchmark-secret-benchmark-secret"];
                o.SelfService.Flows.Recovery.Enabled = true;
                o.SelfService.Flows.Recovery.RateLimit.MaxMessages = int.MaxValue;
            })
            .AddSchema("default", "file://" + Path.Combine(AppContext.BaseDirectory, "identity.schema.json"));
        if (store == "sqlite")
        {
            oryIdentity.UseSqliteStorage("Data Source=" + database);
        }
        else
        {
            oryIdentity.UseInMemoryStorage();
        }

        builder.Services.AddSingleton<IRecoveryMessageSender, DiscardingRecoveryMessageSender>();
        builder.Services.AddOryIdentityHttp(_ => { });
        var app = builder.Build();
        app.MapOryIdentityPublicApi();
        await app.StartAsync();

        var manager = app.Services.GetRequiredService<IIdentityManager>();
        for (var i = 0; i < KnownIdentities; i++)
        {
            await manager.CreateAsync(new CreateIdentityRequest { Traits = JsonDocument.Parse($$"""{"email":"{{KnownEmail(i)}}"}""").RootElement.Clone() });
        }

        return app;
    }

    private static string KnownEmail(int i) => $"known-{i}@example.com";

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }

    /// <summary>
    /// The normal approximation of the Mann–Whitney U statistic of <paramref name="a"/> against <paramref name="b"/>, with
    /// mid-ranks for ties and the tie correction: positive when <paramref name="a"/> tends to be larger; |z| above 1.96 is
    /// a difference at the 5 % level, above 3 a clear one.
    /// </summary>
    internal static double MannWhitneyZ(IReadOnlyList<double> a, IReadOnlyList<double> b)
    {
        var all = a.Select(v => (Value: v, FromA: true)).Concat(b.Select(v => (Value: v, FromA: false))).OrderBy(x => x.Value).ToArray();
        double rankSumA = 0, ties = 0;
        for (var i = 0; i < all.Length;)
        {
            var j = i;
            while (j < all.Length && all[j].Value == all[i].Value)
            {
                j++;
            }

            var midRank = (i + 1 + j) / 2.0;
            for (var k = i; k < j; k++)
            {
                rankSumA += all[k].FromA ? midRank : 0;
            }

            double t = j - i;
            ties += (t * t * t) - t;
            i = j;
        }

        double n1 = a.Count, n2 = b.Count, n = n1 + n2;
        var u = rankSumA - (n1 * (n1 + 1) / 2);
        var sd = Math.Sqrt(n1 * n2 / 12 * ((n + 1) - (ties / (n * (n - 1)))));
        return (u - (n1 * n2 / 2)) / sd;
    }

    internal static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
}
