using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Ory.Identity.Storage;

namespace Ory.Identity.Fuzz.Tests.Oracle;

/// <summary>
/// Everything a request could change, read through the store contracts: every identity in full (traits, addresses,
/// metadata, state, credentials with their config, API keys included) as JSON, and the seeded recovery flows. A flow's
/// submit counter is left out: it is the brute-force limit and counts refused submissions by design (as Kratos's does).
/// Compared, never printed: the texts hold hashes and personal data.
/// </summary>
public sealed class StoreSnapshot
{
    private const int PageSize = 500;

    private const string Unwritable = "unwritable";

    private readonly Dictionary<string, string> _entries;

    private StoreSnapshot(Dictionary<string, string> entries) => _entries = entries;

    /// <summary>
    /// Identities the store holds but that cannot be written as JSON (say, a lone surrogate kept in their traits): every
    /// API answer that includes one fails.
    /// </summary>
    public IReadOnlyList<Guid> UnwritableIdentities =>
        _entries.Where(e => e.Value == Unwritable).Select(e => Guid.Parse(e.Key["identity ".Length..])).ToList();

    /// <summary>Reads the store of <paramref name="services"/>; <paramref name="flowIds"/> are the recovery flows to include.</summary>
    public static async Task<StoreSnapshot> CaptureAsync(IServiceProvider services, IEnumerable<Guid> flowIds)
    {
        var entries = new Dictionary<string, string>(StringComparer.Ordinal);
        var identities = services.GetRequiredService<IIdentityStore>();
        var after = Guid.Empty;
        while (true)
        {
            var page = await identities.ListAsync(new IdentityStoreQuery { After = after, Limit = PageSize });
            foreach (var identity in page)
            {
                entries[$"identity {identity.Id}"] = Serialize(identity);
            }

            if (page.Count < PageSize)
            {
                break;
            }

            after = page[^1].Id;
        }

        var recovery = services.GetRequiredService<IRecoveryStore>();
        foreach (var id in flowIds)
        {
            var flow = await recovery.GetFlowAsync(id);
            entries[$"recovery flow {id}"] = flow is null
                ? "none"
                : string.Join('|', flow.Type, flow.Active, flow.State, flow.IssuedAt.ToString(null, CultureInfo.InvariantCulture),
                    flow.ExpiresAt.ToString(null, CultureInfo.InvariantCulture), flow.RequestUrl, flow.ReturnTo, flow.IdentityId, flow.RecoveredIdentityId);
        }

        return new StoreSnapshot(entries);
    }

    private static string Serialize(Identity identity)
    {
        try
        {
            return OryIdentityJson.Serialize(identity);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            return Unwritable;
        }
    }

    /// <summary>What differs from <paramref name="before"/>: entries added, removed or changed (with the changed top-level fields), no values.</summary>
    public IReadOnlyList<string> DifferencesFrom(StoreSnapshot before)
    {
        var differences = new List<string>();
        foreach (var (key, text) in _entries)
        {
            if (!before._entries.TryGetValue(key, out var old))
            {
                differences.Add($"{key} added");
            }
            else if (!string.Equals(old, text, StringComparison.Ordinal))
            {
                differences.Add($"{key} changed ({string.Join(", ", ChangedFields(old, text))})");
            }
        }

        differences.AddRange(before._entries.Keys.Where(k => !_entries.ContainsKey(k)).Select(k => $"{k} removed"));
        return differences;
    }

    private static List<string> ChangedFields(string before, string after)
    {
        if (before == Unwritable || after == Unwritable)
        {
            return ["cannot be written as JSON"];
        }

        if (!before.StartsWith('{'))
        {
            return ["state"];
        }

        using var old = JsonDocument.Parse(before);
        using var now = JsonDocument.Parse(after);
        var names = old.RootElement.EnumerateObject().Select(p => p.Name).Union(now.RootElement.EnumerateObject().Select(p => p.Name));
        return names.Where(name =>
            (old.RootElement.TryGetProperty(name, out var a) ? a.GetRawText() : null) != (now.RootElement.TryGetProperty(name, out var b) ? b.GetRawText() : null)).ToList();
    }
}
