using System.Diagnostics.CodeAnalysis;
using System.Text;
using System.Text.Json;

namespace Ory.Identity.Cli.Import;

/// <summary>
/// What the report and standard error keep of an item's error, built from its parts rather than copied: Kratos's code,
/// status, error id and message, and of the reason, for a schema-validation error only the pointers of each violation
/// (<c>I[#/traits/email] S[#/…/format] (value not recorded)</c>); never the <c>details</c> nor the request id. A
/// validation reason is parsed line by line and a line that is not a violation (the rest of a quoted value that held a
/// line break, say) is dropped. Any other text is kept only when it quotes none of the item's own values (traits,
/// hashes, passwords, keys, codes), so that an admin API that echoes the item cannot put it in the report.
/// </summary>
internal static class ReportedError
{
    /// <summary>What stands for a text that quotes the item.</summary>
    public const string NotRecorded = "(not recorded: it quotes the item)";

    private const string ValueNotRecorded = "(value not recorded)";

    // Values shorter than this are not looked for in texts: they would match common words, and no secret is that short.
    private const int ShortestValue = 3;

    // Texts that are Kratos's or the tool's own and name no item data, kept whatever the item holds.
    private static readonly HashSet<string> KratosTexts =
    [
        OryErrorTexts.BadRequest, OryErrorTexts.Forbidden, OryErrorTexts.NotFound, OryErrorTexts.Conflict,
        OryErrorTexts.InternalServerError, IdentityConflictException.ConflictReason, Targets.AdminApiImportTarget.ExportedRefused,
    ];

    /// <summary>The error as reported for an item whose source JSON is <paramref name="item"/> (null when unreadable).</summary>
    public static OryError Of(OryError error, byte[]? item)
    {
        var values = ItemValues(item);
        return new OryError
        {
            Code = error.Code,
            Status = Kept(error.Status, values) is var status && status != NotRecorded ? status : OryErrorTexts.StatusOf(error.Code),
            Id = Kept(error.Id, values),
            Message = Kept(error.Message, values),
            Reason = error.Reason is { } reason && IsValidationReason(reason) ? Pointers(reason, values) : Kept(error.Reason, values),
        };
    }

    private static bool IsValidationReason(string reason) => reason.AsSpan().TrimStart().StartsWith("I[", StringComparison.Ordinal);

    // Each violation line `I[<instance>] S[<schema>] <message>` as its pointers; other lines are dropped.
    private static string Pointers(string reason, List<string> values)
    {
        var lines = new List<string>();
        foreach (var line in reason.Split('\n'))
        {
            var text = line.TrimStart();
            var schemaStart = text.IndexOf("] S[", StringComparison.Ordinal);
            var schemaEnd = schemaStart < 0 ? -1 : text.IndexOf(']', schemaStart + 4);
            if (!text.StartsWith("I[", StringComparison.Ordinal) || schemaEnd < 0)
            {
                continue;
            }

            var pointers = text[..(schemaEnd + 1)];
            if (Kept(pointers, values) is not null)
            {
                lines.Add(line[..(line.Length - text.Length)] + pointers + " " + ValueNotRecorded);
            }
        }

        return lines.Count > 0 ? string.Join('\n', lines) : NotRecorded;
    }

    /// <summary>
    /// The message of an error that answered a whole batch whose items' source JSON are <paramref name="items"/>, or
    /// <see cref="NotRecorded"/> when it quotes any of them.
    /// </summary>
    public static string MessageOf(OryError error, IEnumerable<byte[]?> items) =>
        items.Aggregate(error.Message, (message, item) => Kept(message, ItemValues(item)));

    [return: NotNullIfNotNull(nameof(text))]
    private static string? Kept(string? text, List<string> values) =>
        text is null || KratosTexts.Contains(text) || !values.Exists(v => text.Contains(v, StringComparison.Ordinal)) ? text : NotRecorded;

    // Every string and number the item holds, as read and as written in its JSON (escaped), except its schema id and
    // state (configuration, named in reasons such as an unknown schema id's).
    private static List<string> ItemValues(byte[]? item)
    {
        var values = new List<string>();
        if (item is null)
        {
            return values;
        }

        var reader = new Utf8JsonReader(item, new JsonReaderOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
        string? property = null;
        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.PropertyName:
                        property = reader.GetString();
                        continue;
                    case JsonTokenType.String when property is not ("schema_id" or "state"):
                        Add(values, reader.GetString());
                        Add(values, Encoding.UTF8.GetString(reader.ValueSpan));
                        break;
                    case JsonTokenType.Number:
                        Add(values, Encoding.UTF8.GetString(reader.ValueSpan));
                        break;
                }

                property = null;
            }
        }
        catch (JsonException)
        {
            // The values before the point the item stops being JSON are all there is to find.
        }

        return values;
    }

    private static void Add(List<string> values, string? value)
    {
        if (value is { Length: >= ShortestValue } && !values.Contains(value))
        {
            values.Add(value);
        }
    }
}
