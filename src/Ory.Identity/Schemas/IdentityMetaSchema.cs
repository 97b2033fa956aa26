using System.Text.Json;
using Json.Schema;

namespace Ory.Identity;

/// <summary>
/// Kratos's identity meta-schema (embedx/identity_meta.schema.json with identity_extension.schema.json): the rules every
/// identity schema must follow, checked at load with readable messages.
/// </summary>
internal static class IdentityMetaSchema
{
    private const string ExtensionKeyword = "ory.sh/kratos";

    private static readonly string[] VerificationFormats = ["email", "tel", "date", "time", "date-time", "no-validate"];

    private static readonly Lazy<JsonSchema> Meta = new(Build, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Returns what is wrong with <paramref name="schema"/>, or null when it satisfies the meta-schema.</summary>
    public static string? FindProblem(JsonElement schema)
    {
        if (schema.ValueKind != JsonValueKind.Object)
        {
            return "must be a JSON object";
        }

        if (!schema.TryGetProperty("properties", out var properties) || properties.ValueKind != JsonValueKind.Object
            || !properties.TryGetProperty("traits", out var traits))
        {
            return "must have properties.traits";
        }

        if (traits.ValueKind != JsonValueKind.Object)
        {
            return "properties.traits must be a schema object";
        }

        if (traits.TryGetProperty("type", out var type)
            && !(type.ValueKind == JsonValueKind.String && type.ValueEquals("object")))
        {
            return "properties.traits must have type \"object\"";
        }

        if (!traits.TryGetProperty("properties", out var traitProperties) || traitProperties.ValueKind != JsonValueKind.Object
            || !traitProperties.EnumerateObject().Any())
        {
            return "traits must have at least one property (properties.traits.properties)";
        }

        foreach (var trait in traitProperties.EnumerateObject())
        {
            if (trait.Value.ValueKind == JsonValueKind.Object
                && trait.Value.TryGetProperty(ExtensionKeyword, out var extension)
                && extension.ValueKind == JsonValueKind.Object
                && extension.TryGetProperty("verification", out _)
                && trait.Value.TryGetProperty("format", out var format)
                && !VerificationFormats.Any(f => format.ValueKind == JsonValueKind.String && format.ValueEquals(f)))
            {
                return $"trait \"{trait.Name}\": verification requires format to be one of {string.Join(", ", VerificationFormats)}";
            }
        }

        var results = Meta.Value.Evaluate(schema, new EvaluationOptions { OutputFormat = OutputFormat.List });
        return results.IsValid ? null : Describe(results);
    }

    private static string Describe(EvaluationResults results)
    {
        // Prefer an error inside an extension block: its most common cause is an unknown key.
        EvaluationResults? best = null;
        foreach (var node in results.Details ?? [])
        {
            if (node.IsValid || node.Errors is not { Count: > 0 } || IsConditionBranch(node.EvaluationPath.ToString()))
            {
                continue;
            }

            var rank = Rank(node);
            if (best is null || rank > Rank(best))
            {
                best = node;
            }
        }

        if (best is null)
        {
            return "does not conform to Kratos's identity meta-schema";
        }

        var where = best.InstanceLocation.ToString();
        if (where.Contains("/ory.sh~1kratos", StringComparison.Ordinal) && best.EvaluationPath.ToString().EndsWith("/additionalProperties", StringComparison.Ordinal))
        {
            var key = where[(where.LastIndexOf('/') + 1)..].Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
            return $"has an unknown key \"{key}\" in the ory.sh/kratos extension at #{where[..where.LastIndexOf('/')]}";
        }

        var (keyword, message) = best.Errors!.First();
        return $"does not conform to Kratos's identity meta-schema at #{where}: {(keyword.Length > 0 ? keyword + ": " : string.Empty)}{message}";
    }

    // Failures under "if" only select the branch; they are not violations.
    private static bool IsConditionBranch(string evaluationPath) =>
        evaluationPath.Contains("/if/", StringComparison.Ordinal) || evaluationPath.EndsWith("/if", StringComparison.Ordinal);

    // Prefer an unknown extension key, then any error inside an extension block, then anything else.
    private static int Rank(EvaluationResults node)
    {
        var inExtension = node.InstanceLocation.ToString().Contains("/ory.sh~1kratos", StringComparison.Ordinal);
        var additional = node.EvaluationPath.ToString().EndsWith("/additionalProperties", StringComparison.Ordinal);
        return (inExtension ? 1 : 0) + (inExtension && additional ? 1 : 0);
    }

    private static JsonSchema Build()
    {
        var registry = new SchemaRegistry();
        var options = new BuildOptions { Dialect = Dialect.Draft07, SchemaRegistry = registry };
        _ = JsonSchema.FromText(ReadResource("Ory.Identity.identity_extension.schema.json"), options);
        return JsonSchema.FromText(ReadResource("Ory.Identity.identity_meta.schema.json"), options);
    }

    private static string ReadResource(string name)
    {
        using var stream = typeof(IdentityMetaSchema).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"Embedded resource {name} is missing.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
