using System.Runtime.CompilerServices;
using System.Text.Json;
using Ory.Identity.Cli.Import;
using Ory.Identity.Cli.Targets;

namespace Ory.Identity.Cli.Sources;

/// <summary>
/// Every identity of a running Kratos (or any Kratos-compatible admin API), page by page through
/// <c>GET /admin/identities</c> with <c>include_credential</c> for every type: each item is the identity as the source
/// returned it, named <c>identity &lt;id&gt;</c>, and is restored as it is (ids, timestamps, states, addresses,
/// metadata, credential hashes).
/// </summary>
internal sealed class KratosAdminSource(AdminApiIdentities source) : IImportSource
{
    public double? Fraction => null;

    public async IAsyncEnumerable<ImportItem> ReadAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var json in source.ListAsync(withCredentials: true, cancellationToken).ConfigureAwait(false))
        {
            yield return new ImportItem("identity " + IdOf(json), json);
        }
    }

    private static string IdOf(byte[] json)
    {
        var reader = new Utf8JsonReader(json);
        reader.Read();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isId = reader.ValueTextEquals("id"u8);
            reader.Read();
            if (isId && reader.TokenType == JsonTokenType.String)
            {
                return reader.GetString()!;
            }

            reader.Skip();
        }

        return "without id";
    }
}
