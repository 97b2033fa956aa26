using System.Text.Json;
using System.Text.RegularExpressions;

namespace Ory.Identity;

/// <content>The compiler from a schema document to <see cref="Node"/>s, refusing anything outside the subset.</content>
internal sealed partial class FastTraitsValidator
{
    private sealed class Compiler(JsonElement document, int extensionCount)
    {
        private readonly Dictionary<string, Node?> _references = new(StringComparer.Ordinal);
        private readonly HashSet<string> _inProgress = new(StringComparer.Ordinal);
        private bool _nestedId;
        private bool _reference;

        /// <summary>
        /// Whether the compiled nodes resolve every <c>$ref</c> as JsonSchema.Net does: an embedded <c>$id</c> would
        /// change the base of the references under it, so the two are not combined.
        /// </summary>
        public bool ReferencesAreSound => !(_nestedId && _reference);

        public Node? Compile(JsonElement schema, string pointer, bool isDocumentRoot = false)
        {
            switch (schema.ValueKind)
            {
                case JsonValueKind.True:
                    return Node.True;
                case JsonValueKind.False:
                    return new Node { AlwaysFalse = true };
                case JsonValueKind.Object:
                    break;
                default:
                    return null;
            }

            // Draft-07 (Dialect.Draft07): a node with $ref ignores every sibling keyword.
            if (schema.TryGetProperty("$ref"u8, out var reference))
            {
                _reference = true;
                return reference.ValueKind == JsonValueKind.String ? Resolve(reference.GetString()!) : null;
            }

            var node = new Node();
            foreach (var keyword in schema.EnumerateObject())
            {
                var value = keyword.Value;
                var ok = keyword.Name switch
                {
                    "$schema" or "title" or "description" or "default" or "examples" or "$comment" or "definitions" => true,
                    "$id" => isDocumentRoot || (_nestedId = true),
                    ExtensionKeyword => SetExtension(node, value),
                    "type" => SetTypes(node, value),
                    "properties" => SetProperties(node, value, pointer),
                    "required" => SetRequired(node, value),
                    "additionalProperties" => SetAdditional(node, value, pointer),
                    "items" => SetItems(node, value, pointer),
                    "minLength" => TryCount(value, out node.MinLength),
                    "maxLength" => TryCount(value, out node.MaxLength),
                    "minItems" => TryCount(value, out node.MinItems),
                    "maxItems" => TryCount(value, out node.MaxItems),
                    "uniqueItems" => SetUniqueItems(node, value),
                    "minimum" => TryBound(value, out node.Minimum),
                    "maximum" => TryBound(value, out node.Maximum),
                    "exclusiveMinimum" => TryBound(value, out node.ExclusiveMinimum),
                    "exclusiveMaximum" => TryBound(value, out node.ExclusiveMaximum),
                    "enum" => SetEnum(node, value),
                    "const" => SetConst(node, value),
                    "pattern" => SetPattern(node, value),
                    "format" => SetFormat(node, value),
                    _ => false,
                };

                if (!ok)
                {
                    return null;
                }
            }

            return node;
        }

        private Node? Resolve(string reference)
        {
            // Only internal JSON pointers into the main document, without percent-encoding.
            if (!reference.StartsWith("#/", StringComparison.Ordinal) || reference.Contains('%', StringComparison.Ordinal))
            {
                return null;
            }

            if (_references.TryGetValue(reference, out var done))
            {
                return done;
            }

            if (!_inProgress.Add(reference))
            {
                return null; // recursive
            }

            var target = JsonPointerResolver.Resolve(document, reference);
            var node = target is { } t ? Compile(t, reference[1..]) : null;
            _inProgress.Remove(reference);
            _references[reference] = node;
            return node;
        }

        private bool SetExtension(Node node, JsonElement value)
        {
            if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt32(out var index) || (uint)index >= (uint)extensionCount)
            {
                return false;
            }

            node.ExtensionIndex = index;
            return true;
        }

        private static bool SetTypes(Node node, JsonElement value)
        {
            if (value.ValueKind == JsonValueKind.String)
            {
                node.Types = TypeOf(value.GetString()!);
                return node.Types != JsonTypes.None;
            }

            if (value.ValueKind != JsonValueKind.Array || value.GetArrayLength() == 0)
            {
                return false;
            }

            var types = JsonTypes.None;
            foreach (var item in value.EnumerateArray())
            {
                var type = item.ValueKind == JsonValueKind.String ? TypeOf(item.GetString()!) : JsonTypes.None;
                if (type == JsonTypes.None)
                {
                    return false;
                }

                types |= type;
            }

            node.Types = types;
            return true;
        }

        private static JsonTypes TypeOf(string name) => name switch
        {
            "null" => JsonTypes.Null,
            "boolean" => JsonTypes.Boolean,
            "object" => JsonTypes.Object,
            "array" => JsonTypes.Array,
            "number" => JsonTypes.Number,
            "integer" => JsonTypes.Integer,
            "string" => JsonTypes.String,
            _ => JsonTypes.None,
        };

        private bool SetProperties(Node node, JsonElement value, string pointer)
        {
            if (value.ValueKind != JsonValueKind.Object)
            {
                return false;
            }

            var properties = new List<Property>();
            foreach (var property in value.EnumerateObject())
            {
                var name = property.Name;
                foreach (var existing in properties)
                {
                    if (existing.Name == name)
                    {
                        return false;
                    }
                }

                var child = Compile(property.Value, pointer + "/properties/" + SchemaDocumentWalker.Escape(name));
                if (child is null)
                {
                    return false;
                }

                properties.Add(new Property(
                    name, System.Text.Encoding.UTF8.GetBytes(name), child, TraitsLocation + "/" + SchemaDocumentWalker.Escape(name)));
            }

            // The walker tracks matched properties in a 64-bit mask.
            if (properties.Count > 64)
            {
                return false;
            }

            node.Properties = [.. properties];
            return true;
        }

        private static bool SetRequired(Node node, JsonElement value)
        {
            if (value.ValueKind != JsonValueKind.Array)
            {
                return false;
            }

            var names = new List<string>();
            foreach (var item in value.EnumerateArray())
            {
                if (item.ValueKind != JsonValueKind.String)
                {
                    return false;
                }

                names.Add(item.GetString()!);
            }

            node.Required = [.. names];
            return true;
        }

        private bool SetAdditional(Node node, JsonElement value, string pointer)
        {
            node.HasAdditionalProperties = true;
            node.AdditionalProperties = Compile(value, pointer + "/additionalProperties");
            return node.AdditionalProperties is not null;
        }

        private bool SetItems(Node node, JsonElement value, string pointer)
        {
            if (value.ValueKind is not (JsonValueKind.Object or JsonValueKind.True or JsonValueKind.False))
            {
                return false; // tuple form
            }

            node.Items = Compile(value, pointer + "/items");
            return node.Items is not null;
        }

        private static bool SetUniqueItems(Node node, JsonElement value)
        {
            if (value.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
            {
                return false;
            }

            node.UniqueItems = value.ValueKind == JsonValueKind.True;
            return true;
        }

        private static bool TryCount(JsonElement value, out long count)
        {
            count = -1;
            if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt64(out var parsed) || parsed < 0)
            {
                return false;
            }

            count = parsed;
            return true;
        }

        private static bool TryBound(JsonElement value, out Bound? bound)
        {
            bound = null;
            if (value.ValueKind != JsonValueKind.Number || !value.TryGetDouble(out var d) || !value.TryGetDecimal(out var m))
            {
                return false;
            }

            bound = new Bound(d, m);
            return true;
        }

        private static bool SetEnum(Node node, JsonElement value)
        {
            if (value.ValueKind != JsonValueKind.Array)
            {
                return false;
            }

            var items = new List<JsonElement>();
            foreach (var item in value.EnumerateArray())
            {
                if (item.ValueKind is JsonValueKind.Object or JsonValueKind.Array)
                {
                    return false;
                }

                items.Add(item.Clone());
            }

            node.Enum = [.. items];
            return true;
        }

        private static bool SetConst(Node node, JsonElement value)
        {
            if (value.ValueKind is JsonValueKind.Object or JsonValueKind.Array)
            {
                return false;
            }

            node.Const = value.Clone();
            return true;
        }

        private static bool SetPattern(Node node, JsonElement value)
        {
            if (value.ValueKind != JsonValueKind.String)
            {
                return false;
            }

            try
            {
                // JsonSchema.Net 8.0.5 compiles patterns with these options (RegexOptions.Compiled aside).
                node.Pattern = new Regex(value.GetString()!, PatternOptions, TimeSpan.FromSeconds(1));
                return true;
            }
            catch (ArgumentException)
            {
                return false;
            }
        }

        private static bool SetFormat(Node node, JsonElement value)
        {
            if (value.ValueKind != JsonValueKind.String)
            {
                return false;
            }

            var name = value.GetString()!;
            node.StringFormat = KratosFormats.PredicateFor(name);
            if (node.StringFormat is null)
            {
                node.Format = KratosFormats.Registry.Get(name);
            }

            return true;
        }
    }
}
