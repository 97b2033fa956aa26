using System.Globalization;
using System.Text.Json;
using Ory.Identity.Cli.Import;

namespace Ory.Identity.Cli.Targets;

/// <summary>
/// Reads the 200 reply to <c>PATCH /admin/identities</c>, <c>{"identities":[{"action":"create","identity":"…",
/// "patch_id":"…"} | {"action":"error","error":{…},"patch_id":"…"}]}</c>, into one outcome per item of the batch sent,
/// matched by <c>patch_id</c> (<see cref="PatchId"/>). A reply that is not that (not JSON, an unknown, repeated or
/// missing patch id, another action, an id that is not a UUID, an error that is not Kratos's) is not trusted at all:
/// <see cref="TargetUnavailableException"/> stops the run with what was wrong, and nothing of the batch is reported.
/// </summary>
internal static class AdminApiBatchReply
{
    private const string PatchIdPrefix = "00000000-0000-4000-8000-";

    /// <summary>The patch id sent with the batch's item at <paramref name="index"/>: a UUID whose last 12 hex digits are the index.</summary>
    public static string PatchId(int index) => PatchIdPrefix + index.ToString("x12", CultureInfo.InvariantCulture);

    /// <exception cref="TargetUnavailableException">The reply is not Kratos's batch reply for this batch.</exception>
    public static IReadOnlyList<ImportOutcome> Read(byte[] json, IReadOnlyList<PreparedItem> batch)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            var outcomes = new ImportOutcome?[batch.Count];
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty("identities", out var results) || results.ValueKind != JsonValueKind.Array)
            {
                throw Foreign("it has no \"identities\" array");
            }

            foreach (var result in results.EnumerateArray())
            {
                var index = IndexOf(result, batch.Count);
                if (outcomes[index] is not null)
                {
                    throw Foreign($"patch_id {PatchId(index)} appears twice");
                }

                outcomes[index] = Outcome(result, batch[index].Item.Source);
            }

            var missing = Array.IndexOf(outcomes, null);
            return missing < 0 ? Array.ConvertAll(outcomes, o => o!) : throw Foreign($"it has no result for patch_id {PatchId(missing)} ({batch[missing].Item.Source})");
        }
        catch (JsonException)
        {
            throw Foreign("it is not JSON");
        }
    }

    private static int IndexOf(JsonElement result, int count)
    {
        if (result.ValueKind != JsonValueKind.Object || !result.TryGetProperty("patch_id", out var patchId) || patchId.ValueKind != JsonValueKind.String)
        {
            throw Foreign("a result has no patch_id");
        }

        var text = patchId.GetString()!;
        return text.Length == PatchIdPrefix.Length + 12 && text.StartsWith(PatchIdPrefix, StringComparison.OrdinalIgnoreCase)
            && int.TryParse(text.AsSpan(PatchIdPrefix.Length), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var index)
            && index >= 0 && index < count
                ? index
                : throw Foreign("a result's patch_id is not one that was sent");
    }

    private static ImportOutcome Outcome(JsonElement result, string source)
    {
        var action = result.TryGetProperty("action", out var a) && a.ValueKind == JsonValueKind.String ? a.GetString() : null;
        if (action == BatchCreateItemResult.CreateAction)
        {
            return result.TryGetProperty("identity", out var id) && id.ValueKind == JsonValueKind.String && id.TryGetGuid(out var guid)
                ? ImportOutcome.Created(source, guid)
                : throw Foreign($"the result for {source} has no identity id");
        }

        if (action == BatchCreateItemResult.ErrorAction && result.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object)
        {
            try
            {
                return ImportOutcome.Failed(source, OryIdentityJson.Deserialize<OryError>(error.GetRawText()));
            }
            catch (OryIdentityException)
            {
                throw Foreign($"the error for {source} is not Kratos's error object");
            }
        }

        throw Foreign($"the result for {source} is neither a created identity nor an error");
    }

    private static TargetUnavailableException Foreign(string what) =>
        new($"The reply to PATCH /admin/identities is not Kratos's batch reply: {what}.");
}
