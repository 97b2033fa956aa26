using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using Ory.Identity.Cli.Import;

namespace Ory.Identity.Cli.Sources;

/// <summary>
/// Passes a source's items through and prints the first few as the create bodies they became (<c>--dry-run</c>), with
/// every secret replaced: password hashes, TOTP URLs and lookup codes are never printed.
/// </summary>
internal sealed class PreviewingSource(IImportSource inner, int count, TextWriter output) : IImportSource
{
    private const string Redacted = "(redacted)";

    public double? Fraction => inner.Fraction;

    public async IAsyncEnumerable<ImportItem> ReadAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var shown = 0;
        await foreach (var item in inner.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            if (shown++ < count && item.Json is not null)
            {
                await output.WriteLineAsync($"{item.Source} →").ConfigureAwait(false);
                await output.WriteLineAsync(Redact(item.Json)).ConfigureAwait(false);
            }

            yield return item;
        }
    }

    public static string Redact(byte[] json)
    {
        var body = JsonNode.Parse(json)!.AsObject();
        if (body["credentials"] is JsonObject credentials)
        {
            if (credentials["password"]?["config"] is JsonObject password)
            {
                foreach (var secret in (string[])["hashed_password", "password"])
                {
                    if (password.ContainsKey(secret))
                    {
                        password[secret] = Redacted;
                    }
                }
            }

            if (credentials["totp"]?["config"] is JsonObject totp)
            {
                totp["totp_url"] = Redacted;
            }

            if (credentials["lookup_secret"]?["config"] is JsonObject lookup && lookup["codes"] is JsonArray codes)
            {
                lookup["codes"] = $"({codes.Count} codes, redacted)";
            }
        }

        return body.ToJsonString(new JsonSerializerOptions { WriteIndented = true, TypeInfoResolver = System.Text.Json.Serialization.Metadata.JsonTypeInfoResolver.Combine() });
    }
}
