using System.Globalization;
using System.Text.Json;
using Json.Schema;

namespace Ory.Identity;

/// <summary>
/// Maps JsonSchema.Net's keyword errors to Kratos's validator errors (Kratos's identity/validator.go and schema/): instance pointer, schema pointer
/// (ending in the keyword) and ory/jsonschema's message, e.g. <c>expected string, but got number</c>.
/// </summary>
internal static class SchemaErrorTranslator
{
    /// <summary>Collects Kratos-style errors from an invalid evaluation of <paramref name="root"/>.</summary>
    public static List<SchemaValidationError> Translate(EvaluationResults results, JsonElement root, SchemaPlan plan)
    {
        var errors = new List<SchemaValidationError>();
        var additional = new Dictionary<(string Instance, string Schema), List<string>>();
        Walk(results, root, plan, errors, additional);
        foreach (var ((instance, schema), names) in additional)
        {
            errors.Add(new SchemaValidationError(
                "#" + instance,
                "#" + schema,
                $"additionalProperties {string.Join(", ", names.Select(GoFormat.Quote))} not allowed"));
        }

        if (errors.Count == 0)
        {
            errors.Add(new SchemaValidationError("#", "#", "validation failed"));
        }

        return errors;
    }

    /// <summary>The Kratos schema pointer (without <c>#</c>) of an evaluation node.</summary>
    public static string SchemaPointerOf(EvaluationResults node)
    {
        var evaluationPath = node.EvaluationPath.ToString();
        if (!evaluationPath.Contains("/$ref", StringComparison.Ordinal))
        {
            return evaluationPath;
        }

        var fragment = node.SchemaLocation.IsAbsoluteUri ? Uri.UnescapeDataString(node.SchemaLocation.Fragment.TrimStart('#')) : string.Empty;

        // JsonSchema.Net 8.0.5 appends a bogus segment after "items" in SchemaLocation.
        if (evaluationPath.EndsWith("/items", StringComparison.Ordinal) && !fragment.EndsWith("/items", StringComparison.Ordinal)
            && fragment.LastIndexOf('/') is var slash and > 0 && fragment[..slash].EndsWith("/items", StringComparison.Ordinal))
        {
            fragment = fragment[..slash];
        }

        return fragment;
    }

    private static void Walk(
        EvaluationResults node,
        JsonElement root,
        SchemaPlan plan,
        List<SchemaValidationError> errors,
        Dictionary<(string, string), List<string>> additional)
    {
        if (!node.IsValid && node.Errors is { Count: > 0 } nodeErrors)
        {
            var instancePath = node.InstanceLocation.ToString();
            var schemaPointer = SchemaPointerOf(node);
            foreach (var (keyword, _) in nodeErrors)
            {
                if (keyword.Length == 0 || keyword == "false")
                {
                    // A false schema: Kratos reports additionalProperties on the parent object, listing the names.
                    if (schemaPointer.EndsWith("/additionalProperties", StringComparison.Ordinal))
                    {
                        var slash = instancePath.LastIndexOf('/');
                        var parent = slash < 0 ? string.Empty : instancePath[..slash];
                        var name = Unescape(instancePath[(slash + 1)..]);
                        var key = (parent, schemaPointer);
                        if (!additional.TryGetValue(key, out var names))
                        {
                            additional[key] = names = [];
                        }

                        names.Add(name);
                    }
                    else
                    {
                        errors.Add(new SchemaValidationError("#" + instancePath, "#" + schemaPointer, "always fail"));
                    }

                    continue;
                }

                var instance = JsonPointerResolver.Resolve(root, instancePath);
                var keywordValue = plan.ResolveSchemaValue(node.SchemaLocation, schemaPointer + "/" + keyword);
                errors.Add(new SchemaValidationError(
                    "#" + instancePath,
                    "#" + schemaPointer + "/" + keyword,
                    MessageFor(keyword, instance, keywordValue)));
            }
        }

        foreach (var child in node.Details ?? [])
        {
            Walk(child, root, plan, errors, additional);
        }
    }

    private static string MessageFor(string keyword, JsonElement? instanceOrNull, JsonElement? keywordValueOrNull)
    {
        if (instanceOrNull is not { } instance || keywordValueOrNull is not { } expected)
        {
            return keyword + " failed";
        }

        switch (keyword)
        {
            case "type":
                var types = expected.ValueKind == JsonValueKind.Array
                    ? string.Join(" or ", expected.EnumerateArray().Select(KratosErrorText.AsText))
                    : KratosErrorText.AsText(expected);
                return $"expected {types}, but got {KratosErrorText.TypeOf(instance)}";
            case "required":
                var missing = expected.EnumerateArray()
                    .Select(KratosErrorText.AsText)
                    .Where(name => instance.ValueKind != JsonValueKind.Object || !instance.TryGetProperty(name, out _))
                    .Select(GoFormat.Quote);
                return "missing properties: " + string.Join(", ", missing);
            case "format":
                return $"{KratosErrorText.Show(instance)} is not valid {KratosErrorText.Show(expected)}";
            case "minLength":
                return $"length must be >= {expected.GetRawText()}, but got {RuneLength(instance)}";
            case "maxLength":
                return $"length must be <= {expected.GetRawText()}, but got {RuneLength(instance)}";
            case "minimum":
                return $"must be >= {expected.GetRawText()} but found {instance.GetRawText()}";
            case "maximum":
                return $"must be <= {expected.GetRawText()} but found {instance.GetRawText()}";
            case "exclusiveMinimum":
                return $"must be > {expected.GetRawText()} but found {instance.GetRawText()}";
            case "exclusiveMaximum":
                return $"must be < {expected.GetRawText()} but found {instance.GetRawText()}";
            case "multipleOf":
                return $"{instance.GetRawText()} not multipleOf {expected.GetRawText()}";
            case "pattern":
                return $"does not match pattern {KratosErrorText.Show(expected)}";
            case "enum":
                var values = expected.ValueKind == JsonValueKind.Array ? expected.EnumerateArray().Select(v => v.GetRawText()).ToList() : [];
                return values.Count == 1 ? $"value must be {values[0]}" : $"value must be one of {string.Join(", ", values)}";
            case "const":
                return expected.ValueKind is JsonValueKind.Object or JsonValueKind.Array ? "const failed" : $"value must be {expected.GetRawText()}";
            case "minItems":
                return $"minimum {expected.GetRawText()} items allowed, but found {Count(instance)} items";
            case "maxItems":
                return $"maximum {expected.GetRawText()} items allowed, but found {Count(instance)} items";
            case "minProperties":
                return $"minimum {expected.GetRawText()} properties allowed, but found {Count(instance)} properties";
            case "maxProperties":
                return $"maximum {expected.GetRawText()} properties allowed, but found {Count(instance)} properties";
            case "uniqueItems":
                return UniqueItemsMessage(instance);
            case "contains":
                return "contains failed";
            case "not":
                return "not failed";
            case "oneOf":
                return "oneOf failed";
            case "anyOf":
                return "anyOf failed";
            default:
                return keyword + " failed";
        }
    }

    private static int RuneLength(JsonElement value) =>
        value.ValueKind == JsonValueKind.String ? value.GetString()!.EnumerateRunes().Count() : 0;

    private static int Count(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Array => value.GetArrayLength(),
        JsonValueKind.Object => value.EnumerateObject().Count(),
        _ => 0,
    };

    private static string UniqueItemsMessage(JsonElement value)
    {
        if (value.ValueKind == JsonValueKind.Array)
        {
            var items = value.EnumerateArray().ToList();
            for (var i = 1; i < items.Count; i++)
            {
                for (var j = 0; j < i; j++)
                {
                    if (JsonElement.DeepEquals(items[i], items[j]))
                    {
                        return string.Create(CultureInfo.InvariantCulture, $"items at index {j} and {i} are equal");
                    }
                }
            }
        }

        return "uniqueItems failed";
    }

    private static string Unescape(string segment) =>
        segment.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
}
