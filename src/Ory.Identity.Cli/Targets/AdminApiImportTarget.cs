using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Ory.Identity.Cli.Import;

namespace Ory.Identity.Cli.Targets;

/// <summary>
/// Imports through a Kratos-compatible admin API: <c>PATCH /admin/identities</c> with
/// <c>{"identities":[{"create":{…},"patch_id":"…"}]}</c>, each item's JSON sent as read from the source. An exported
/// identity (with its id) fails: Kratos's admin API cannot create an identity with a given id or timestamps. The reply
/// is checked before it is believed (<see cref="AdminApiBatchReply"/>).
/// </summary>
internal sealed class AdminApiImportTarget(AdminApiClient client) : IImportTarget
{
    public Task<IReadOnlyList<ImportOutcome>> CreateAsync(IReadOnlyList<PreparedItem> batch, CancellationToken cancellationToken) =>
        BatchParts.RunAsync(batch, RefuseExported, CreateRequestsAsync, cancellationToken);

    /// <summary>The reason an exported identity fails here.</summary>
    public const string ExportedRefused =
        "An exported identity (with its id) is restored only into --sqlite or --postgres: an admin API cannot keep its id and timestamps.";

    private static Task<IReadOnlyList<ImportOutcome>> RefuseExported(IReadOnlyList<PreparedItem> batch, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<ImportOutcome>>(batch.Select(i => ImportOutcome.Malformed(i.Item.Source, ExportedRefused)).ToList());

    private async Task<IReadOnlyList<ImportOutcome>> CreateRequestsAsync(IReadOnlyList<PreparedItem> batch, CancellationToken cancellationToken)
    {
        using var body = new MemoryStream();
        await using (var writer = new Utf8JsonWriter(body))
        {
            writer.WriteStartObject();
            writer.WriteStartArray("identities");
            for (var i = 0; i < batch.Count; i++)
            {
                writer.WriteStartObject();
                writer.WritePropertyName("create");
                writer.WriteRawValue(batch[i].Item.Json, skipInputValidation: true);
                writer.WriteString("patch_id", AdminApiBatchReply.PatchId(i));
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        using var content = new ByteArrayContent(body.GetBuffer(), 0, (int)body.Length);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var response = await client.SendAsync(HttpMethod.Patch, "admin/identities", content, cancellationToken).ConfigureAwait(false);
        var json = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            var error = AdminApiClient.ReadError(json, response.StatusCode);
            if (batch.Count > 1 && response.StatusCode == HttpStatusCode.BadRequest)
            {
                return await BatchFallback.OneByOneAsync(this, batch, cancellationToken).ConfigureAwait(false);
            }

            if ((int)response.StatusCode is >= 400 and < 500 && batch.Count == 1)
            {
                return [ImportOutcome.Failed(batch[0].Item.Source, error)];
            }

            throw new TargetUnavailableException(
                $"PATCH /admin/identities answered {(int)response.StatusCode}: {ReportedError.MessageOf(error, batch.Select(b => b.Item.Json))}");
        }

        return AdminApiBatchReply.Read(json, batch);
    }
}
