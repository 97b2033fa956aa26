using System.Text.Json;
using Json.Schema;

namespace Ory.Identity;

/// <content>
/// The authoritative path: JsonSchema.Net evaluates <c>{"traits": …}</c>, gives every refusal's texts, and its
/// annotations name the <c>ory.sh/kratos</c> hits.
/// </content>
internal static partial class TraitsValidator
{
    private const string ExtensionKeyword = "ory.sh/kratos";

    private static readonly EvaluationOptions FlagOptions = new()
    {
        OutputFormat = OutputFormat.Flag,
        RequireFormatValidation = true,
        FormatRegistry = KratosFormats.Registry,
    };

    private static readonly EvaluationOptions DetailedOptions = new()
    {
        OutputFormat = OutputFormat.Hierarchical,
        RequireFormatValidation = true,
        FormatRegistry = KratosFormats.Registry,
    };

    /// <summary>Test hook: JsonSchema.Net's verdict on <c>{"traits": traits}</c> and the hits it reports (effective blocks only).</summary>
    internal static (bool Valid, List<ExtensionHit> Hits) EvaluateWithJsonSchema(IdentitySchema schema, JsonElement traits)
    {
        ArgumentNullException.ThrowIfNull(schema);
        using var document = JsonDocument.Parse("{\"traits\":" + traits.GetRawText() + "}");
        var root = document.RootElement.Clone();
        var results = schema.Compiled.Evaluate(root, DetailedOptions);
        var hits = new List<ExtensionHit>();
        if (results.IsValid)
        {
            CollectHits(results, root, schema.Plan, hits);
            hits.RemoveAll(h => !h.Spec.HasEffect);
        }

        return (results.IsValid, hits);
    }

    private static TraitsDerivation ValidateAuthoritatively(
        IdentitySchema schema, JsonElement traits, ValidationPath path, PhoneRewrite rewrite, ValidationScope scope)
    {
        var plan = schema.Plan;
        var writer = scope.EmptyJsonWriter(out var buffer);
        writer.WriteStartObject();
        writer.WritePropertyName("traits"u8);
        traits.WriteTo(writer);
        writer.WriteEndObject();
        writer.Flush();

        // The document reads the scope's buffer in place. The only nested Validate (after a phone rewrite) runs after
        // this document's last use and gets a fresh, independent traits element.
        using var wrapper = JsonDocument.Parse(buffer.WrittenMemory);
        var root = wrapper.RootElement;

        if (!plan.HasExtensions)
        {
            if (schema.Compiled.Evaluate(root, FlagOptions).IsValid)
            {
                return Derive(traits, [], scope);
            }

            throw new IdentityValidationException(
                SchemaErrorTranslator.Translate(schema.Compiled.Evaluate(root, DetailedOptions), root, plan));
        }

        var results = schema.Compiled.Evaluate(root, DetailedOptions);
        if (!results.IsValid)
        {
            throw new IdentityValidationException(SchemaErrorTranslator.Translate(results, root, plan));
        }

        var hits = new List<ExtensionHit>();
        CollectHits(results, root, plan, hits);

        if (rewrite == PhoneRewrite.Pending && plan.HasSmsMarks && RewritePhones(traits, hits) is { } rewritten)
        {
            return Validate(schema, rewritten, path, PhoneRewrite.Applied, scope);
        }

        return Derive(traits, hits, scope);
    }

    private static void CollectHits(EvaluationResults node, JsonElement root, SchemaPlan plan, List<ExtensionHit> hits)
    {
        if (node.Annotations is { } annotations && annotations.TryGetValue(ExtensionKeyword, out var marker)
            && marker.ValueKind == JsonValueKind.Number && marker.TryGetInt32(out var index)
            && (uint)index < (uint)plan.Extensions.Count)
        {
            var location = node.InstanceLocation.ToString();
            if (JsonPointerResolver.Resolve(root, location) is { } value)
            {
                hits.Add(new ExtensionHit(location, plan.Extensions[index], value));
            }
        }

        foreach (var child in node.Details ?? [])
        {
            CollectHits(child, root, plan, hits);
        }
    }
}
