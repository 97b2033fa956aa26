using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Ory.Identity;

/// <content>
/// The phone rewrite (Kratos's identity/extension_*.go): sms-marked phone values are stored in E.164, and traits that
/// were rewritten are validated once more, on the same path.
/// </content>
internal static partial class TraitsValidator
{
    /// <summary>Whether the traits being validated still may have phone values to rewrite.</summary>
    private enum PhoneRewrite
    {
        /// <summary>The traits as given: sms-marked phone values not yet in E.164 are rewritten, then validated again.</summary>
        Pending,

        /// <summary>The rewritten traits, validated once more: nothing is rewritten again.</summary>
        Applied,
    }

    // The traits with each sms-marked phone value in E.164, or null when none needed rewriting.
    private static JsonElement? RewritePhones(JsonElement traits, List<ExtensionHit> hits)
    {
        JsonNode? document = null;
        foreach (var hit in hits)
        {
            if (!hit.Spec.MarksSms || hit.Value.ValueKind != JsonValueKind.String)
            {
                continue;
            }

            var text = hit.Text ?? hit.Value.GetString()!;
            if (!IdentifierNormalizer.TryNormalizePhone(text, out var e164) || e164 == text)
            {
                continue;
            }

            document ??= JsonNode.Parse(traits.GetRawText());
            const string prefix = "/traits";
            var pointer = hit.InstanceLocation.Length > prefix.Length ? hit.InstanceLocation[prefix.Length..] : string.Empty;
            SetAt(ref document, pointer, e164);
        }

        if (document is null)
        {
            return null;
        }

        using var parsed = JsonDocument.Parse(document.ToJsonString());
        return parsed.RootElement.Clone();
    }

    private static void SetAt(ref JsonNode? document, string pointer, string value)
    {
        if (pointer.Length == 0)
        {
            document = JsonValue.Create(value);
            return;
        }

        var segments = pointer.Split('/').Skip(1)
            .Select(s => s.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal))
            .ToArray();
        var current = document;
        for (var i = 0; i < segments.Length - 1 && current is not null; i++)
        {
            current = current is JsonArray a ? a[int.Parse(segments[i], CultureInfo.InvariantCulture)] : current[segments[i]];
        }

        var last = segments[^1];
        switch (current)
        {
            case JsonArray array:
                array[int.Parse(last, CultureInfo.InvariantCulture)] = value;
                break;
            case JsonObject obj:
                obj[last] = value;
                break;
        }
    }
}
