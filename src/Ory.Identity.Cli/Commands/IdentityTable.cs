using System.Text;

namespace Ory.Identity.Cli.Commands;

/// <summary>
/// <c>--format table</c>: the columns of Kratos's own CLI (cmd/cliclient/output_identity.go): id, first verifiable
/// address, first recovery address, schema id and URL; <c>&lt;none&gt;</c> where an identity has no such address.
/// </summary>
internal static class IdentityTable
{
    private static readonly string[] Header = ["ID", "VERIFIED ADDRESS 1", "RECOVERY ADDRESS 1", "SCHEMA ID", "SCHEMA URL"];

    public static string Format(IEnumerable<Identity> identities)
    {
        var rows = new List<string[]> { Header };
        rows.AddRange(identities.Select(i => new[]
        {
            i.Id.ToString("D"),
            i.VerifiableAddresses.Count > 0 ? i.VerifiableAddresses[0].Value : "<none>",
            i.RecoveryAddresses.Count > 0 ? i.RecoveryAddresses[0].Value : "<none>",
            i.SchemaId,
            i.SchemaUrl,
        }));
        var widths = Enumerable.Range(0, Header.Length).Select(c => rows.Max(r => r[c].Length)).ToArray();
        var text = new StringBuilder();
        foreach (var row in rows)
        {
            for (var c = 0; c < row.Length; c++)
            {
                text.Append(c == row.Length - 1 ? row[c] : row[c].PadRight(widths[c] + 2));
            }

            text.Append('\n');
        }

        return text.ToString();
    }
}
