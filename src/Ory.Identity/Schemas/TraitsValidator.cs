using System.Buffers;
using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;

namespace Ory.Identity;

/// <summary>
/// Validates traits against an identity schema (the document <c>{"traits": …}</c>, format validation on) and runs the
/// <c>ory.sh/kratos</c> extension (Kratos's identity/validator.go and identity/extension_*.go), rewriting sms-marked phone values to E.164.
/// </summary>
internal static class TraitsValidator
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

    private static readonly JsonElement EmptyObject = JsonDocument.Parse("{}").RootElement.Clone();

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_buffer;

    [ThreadStatic]
    private static Utf8JsonWriter? t_writer;

    /// <summary>
    /// Validates and derives; throws <see cref="IdentityValidationException"/> on violations, first of all on a NUL
    /// character anywhere in the traits (<see cref="NulCharacterRule"/>), whatever the schema says.
    /// </summary>
    public static TraitsDerivation Validate(IdentitySchema schema, JsonElement traits)
    {
        ArgumentNullException.ThrowIfNull(schema);
        if (traits.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null)
        {
            traits = EmptyObject;
        }

        NulCharacterRule.EnsureTraits(traits);
        return Validate(schema, traits, allowRewrite: true, useFast: true);
    }

    /// <summary>Test hook: <see cref="Validate(IdentitySchema, JsonElement)"/> without the fast path.</summary>
    internal static TraitsDerivation ValidateWithJsonSchemaOnly(IdentitySchema schema, JsonElement traits)
    {
        ArgumentNullException.ThrowIfNull(schema);
        if (traits.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null)
        {
            traits = EmptyObject;
        }

        NulCharacterRule.EnsureTraits(traits);
        return Validate(schema, traits, allowRewrite: true, useFast: false);
    }

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

    private static TraitsDerivation Validate(IdentitySchema schema, JsonElement traits, bool allowRewrite, bool useFast)
    {
        var plan = schema.Plan;

        // Fast path: a specialized walk of the traits. It only ever answers "valid" when JsonSchema.Net would; on
        // "not sure" JsonSchema.Net runs below and produces the authoritative result and error texts.
        if (useFast && plan.Fast is { } fast)
        {
            if (!allowRewrite || !plan.HasSmsMarks)
            {
                // No phone to rewrite: the walk hands each hit to the deriver as it finds it.
                var deriver = ExtensionDeriver.Rent();
                try
                {
                    if (fast.TryValidate(traits, deriver))
                    {
                        return deriver.Finish(traits);
                    }
                }
                finally
                {
                    ExtensionDeriver.Return(deriver);
                }
            }
            else if (fast.TryValidate(traits, out var fastHits))
            {
                if (fastHits is null)
                {
                    return Derive(traits, plan, []);
                }

                // fastHits is the thread's list: used up before any further validation, and cleared after.
                JsonElement? rewrittenTraits;
                try
                {
                    if ((rewrittenTraits = RewritePhones(traits, fastHits)) is null)
                    {
                        return Derive(traits, plan, fastHits);
                    }
                }
                finally
                {
                    fastHits.Clear();
                }

                return Validate(schema, rewrittenTraits.Value, allowRewrite: false, useFast: true);
            }
        }

        return ValidateWithJsonSchema(schema, traits, allowRewrite, useFast);
    }

    /// <summary>The JsonSchema.Net path: evaluates <c>{"traits": …}</c> and collects the hits from its annotations.</summary>
    private static TraitsDerivation ValidateWithJsonSchema(IdentitySchema schema, JsonElement traits, bool allowRewrite, bool useFast)
    {
        var plan = schema.Plan;
        var buffer = t_buffer ??= new ArrayBufferWriter<byte>(256);
        buffer.ResetWrittenCount();
        var writer = t_writer ??= new Utf8JsonWriter(buffer);
        writer.Reset(buffer);
        writer.WriteStartObject();
        writer.WritePropertyName("traits"u8);
        traits.WriteTo(writer);
        writer.WriteEndObject();
        writer.Flush();

        // The document reads the thread's buffer in place. The only nested Validate (after a phone rewrite) runs after
        // this document's last use and gets a fresh, independent traits element.
        using var wrapper = JsonDocument.Parse(buffer.WrittenMemory);
        var root = wrapper.RootElement;

        if (!plan.HasExtensions)
        {
            if (schema.Compiled.Evaluate(root, FlagOptions).IsValid)
            {
                return Derive(traits, plan, []);
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

        if (allowRewrite && plan.HasSmsMarks && RewritePhones(traits, hits) is { } rewritten)
        {
            return Validate(schema, rewritten, allowRewrite: false, useFast);
        }

        return Derive(traits, plan, hits);
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
            current = current is JsonArray a ? a[int.Parse(segments[i], System.Globalization.CultureInfo.InvariantCulture)] : current[segments[i]];
        }

        var last = segments[^1];
        switch (current)
        {
            case JsonArray array:
                array[int.Parse(last, System.Globalization.CultureInfo.InvariantCulture)] = value;
                break;
            case JsonObject obj:
                obj[last] = value;
                break;
        }
    }

    private static TraitsDerivation Derive(JsonElement traits, SchemaPlan plan, List<ExtensionHit> hits)
    {
        if (hits.Count == 0)
        {
            return new TraitsDerivation
            {
                Traits = traits,
                PasswordIdentifiers = [],
                WebAuthnIdentifiers = [],
                CodeAddresses = [],
                HasCodeIdentifierTraits = false,
                HasPasswordIdentifierTraits = false,
                HasWebAuthnIdentifierTraits = false,
                VerifiableAddresses = [],
                RecoveryAddresses = [],
            };
        }

        var deriver = ExtensionDeriver.Rent();
        try
        {
            // By reference: a hit is a 40-byte struct, and copying each out of the list stalled on the copy.
            foreach (ref readonly var hit in System.Runtime.InteropServices.CollectionsMarshal.AsSpan(hits))
            {
                deriver.Apply(in hit);
            }

            return deriver.Finish(traits);
        }
        finally
        {
            ExtensionDeriver.Return(deriver);
        }
    }
}
