using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.RegularExpressions;
using Json.Schema;

namespace Ory.Identity;

/// <summary>
/// A specialized validator for identity schemas that use only a plain subset of draft-07 (<c>type</c>,
/// <c>properties</c>, <c>required</c>, <c>additionalProperties</c>, single-schema <c>items</c>, string, number and array
/// bounds, <c>enum</c>/<c>const</c> of scalars, <c>pattern</c>, <c>format</c>, internal non-recursive <c>$ref</c> and
/// annotation keywords). It walks the traits directly (no <c>{"traits": …}</c> wrapper) and collects the
/// <c>ory.sh/kratos</c> hits, or hands them to an <see cref="ExtensionDeriver"/> as it goes, in the order JsonSchema.Net
/// reports them.
/// </summary>
/// <remarks>
/// JsonSchema.Net stays the authority: <c>TryValidate</c> returning <c>true</c> promises that JsonSchema.Net
/// accepts the traits too (checked by a differential test); <c>false</c> only means "not sure", and the caller re-runs
/// JsonSchema.Net. Whenever a check could differ from JsonSchema.Net's (non-integer literals for <c>integer</c>,
/// numbers outside decimal range, duplicate property names, items that might be equal, …) it answers <c>false</c>.
/// Instances are immutable and thread-safe.
/// </remarks>
internal sealed class FastTraitsValidator
{
    private const string ExtensionKeyword = "ory.sh/kratos";
    private const string TraitsLocation = "/traits";
    private const int MaxDepth = 64;

    [ThreadStatic]
    private static PathSegment[]? t_path;

    [ThreadStatic]
    private static List<ExtensionHit>? t_hits;

    private readonly Node _traits;
    private readonly IReadOnlyList<KratosExtensionSpec> _extensions;

    private FastTraitsValidator(Node traits, IReadOnlyList<KratosExtensionSpec> extensions)
    {
        _traits = traits;
        _extensions = extensions;
    }

    /// <summary>
    /// Compiles the prepared main schema document (extension blocks replaced by their index, as the compiled schema
    /// sees it), or returns null when it uses anything outside the supported subset.
    /// </summary>
    public static FastTraitsValidator? TryCreate(JsonElement document, IReadOnlyList<KratosExtensionSpec> extensions)
    {
        var compiler = new Compiler(document, extensions.Count);
        var root = compiler.Compile(document, string.Empty, isDocumentRoot: true);
        if (root is null || !compiler.ReferencesAreSound || document.TryGetProperty("$ref"u8, out _) || root.AlwaysFalse || root.ExtensionIndex >= 0
            || (root.Types & JsonTypes.Object) == 0 || root.Enum is not null || root.Const is not null || root.Format is not null)
        {
            return null;
        }

        // The root validates the virtual object {"traits": …}: only "traits" may be required.
        foreach (var name in root.Required)
        {
            if (name != "traits")
            {
                return null;
            }
        }

        Node? traits = null;
        for (var i = 0; i < root.Properties.Length; i++)
        {
            if (root.Properties[i].Name == "traits")
            {
                traits = root.Properties[i].Schema;
            }
        }

        traits ??= root.AdditionalProperties ?? Node.True;
        return new FastTraitsValidator(traits, extensions);
    }

    /// <summary>
    /// Validates <paramref name="traits"/>; on success <paramref name="hits"/> holds the <c>ory.sh/kratos</c> hits
    /// (null when there are none). <c>false</c> means the traits may be invalid: ask JsonSchema.Net.
    /// </summary>
    /// <remarks>
    /// <paramref name="hits"/> is the thread's list, reused by the next call on the thread: read it before validating
    /// again, then <see cref="List{T}.Clear"/> it so that it does not keep the traits alive.
    /// </remarks>
    public bool TryValidate(JsonElement traits, out List<ExtensionHit>? hits)
    {
        var found = t_hits ??= new List<ExtensionHit>(4);
        found.Clear();
        var valid = new Walker(this, t_path ??= new PathSegment[MaxDepth], found, deriver: null).Validate(_traits, traits, depth: 0);
        hits = valid && found.Count > 0 ? found : null;
        if (hits is null)
        {
            found.Clear();
        }

        return valid;
    }

    /// <summary>
    /// Validates <paramref name="traits"/> and hands each <c>ory.sh/kratos</c> hit to <paramref name="deriver"/> as it
    /// is found, in the order <see cref="TryValidate(JsonElement, out List{ExtensionHit}?)"/> lists them. <c>false</c>
    /// means the traits may be invalid (ask JsonSchema.Net); the deriver may then hold part of a derivation, which the
    /// caller discards.
    /// </summary>
    public bool TryValidate(JsonElement traits, ExtensionDeriver deriver) =>
        new Walker(this, t_path ??= new PathSegment[MaxDepth], hits: null, deriver).Validate(_traits, traits, depth: 0);

    [Flags]
    private enum JsonTypes
    {
        None = 0,
        Null = 1,
        Boolean = 2,
        Object = 4,
        Array = 8,
        Number = 16,
        Integer = 32,
        String = 64,
        All = Null | Boolean | Object | Array | Number | Integer | String,
    }

    /// <param name="Name">The property name.</param>
    /// <param name="Utf8Name">The name in UTF-8, to match instance properties without allocating.</param>
    /// <param name="Schema">The property's schema.</param>
    /// <param name="TopLocation">The instance location when this is a top-level trait (<c>/traits/name</c>).</param>
    private readonly record struct Property(string Name, byte[] Utf8Name, Node Schema, string TopLocation);

    /// <summary>The values of an object's first schema properties, as pass 1 of <c>ValidateObject</c> found them.</summary>
    [System.Runtime.CompilerServices.InlineArray(Length)]
    private struct KeptValues
    {
        public const int Length = 8;

        private JsonElement _first;
    }

    /// <summary>A step of the instance location: a property name, an instance property, or an array index.</summary>
    private struct PathSegment
    {
        public string? Name;
        public string? TopLocation;
        public JsonProperty InstanceProperty;
        public int Index;
    }

    /// <summary>One compiled (sub)schema. Filled once by the compiler, then only read.</summary>
    private sealed class Node
    {
        public static readonly Node True = new();

        public bool AlwaysFalse;
        public JsonTypes Types = JsonTypes.All;
        public int ExtensionIndex = -1;

        public Property[] Properties = [];
        public string[] Required = [];
        public bool HasAdditionalProperties;
        public Node? AdditionalProperties;
        public Node? Items;

        public long MinLength = -1;
        public long MaxLength = -1;
        public Regex? Pattern;
        public Func<string, bool>? StringFormat;
        public Format? Format;

        public Bound? Minimum;
        public Bound? Maximum;
        public Bound? ExclusiveMinimum;
        public Bound? ExclusiveMaximum;

        public JsonElement[]? Enum;
        public JsonElement? Const;

        public long MinItems = -1;
        public long MaxItems = -1;
        public bool UniqueItems;

        public bool NeedsString => MinLength >= 0 || MaxLength >= 0 || Pattern is not null || StringFormat is not null;
    }

    /// <summary>A numeric bound, compared both as double and as decimal so that either reading of JsonSchema.Net agrees.</summary>
    private sealed record Bound(double Double, decimal Decimal);

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

    /// <summary>The regex options JsonSchema.Net uses for <c>pattern</c>.</summary>
    internal static RegexOptions PatternOptions => RegexOptions.ECMAScript;

    /// <summary>One validation: the thread's path stack, and where the hits go (collected, or applied at once).</summary>
    private readonly struct Walker(FastTraitsValidator owner, PathSegment[] path, List<ExtensionHit>? hits, ExtensionDeriver? deriver)
    {
        public bool Validate(Node node, JsonElement instance, int depth)
        {
            if (node.AlwaysFalse)
            {
                return false;
            }

            var kind = instance.ValueKind;
            if (!TypeMatches(node.Types, instance, kind))
            {
                return false;
            }

            // A string is decoded at most once, for the checks and for the extension.
            string? text = null;
            if (node.ExtensionIndex >= 0)
            {
                var spec = owner._extensions[node.ExtensionIndex];
                if (spec.HasEffect)
                {
                    if (kind == JsonValueKind.String)
                    {
                        text = instance.GetString()!;
                    }

                    var hit = new ExtensionHit(Location(depth), spec, instance) { Text = text };
                    if (deriver is not null)
                    {
                        deriver.Apply(in hit);
                    }
                    else
                    {
                        hits!.Add(hit);
                    }
                }
            }

            if ((node.Enum is not null || node.Const is not null) && !MatchesEnumOrConst(node, instance))
            {
                return false;
            }

            if (node.Format is { } format && !format.Validate(instance, out _))
            {
                return false;
            }

            return kind switch
            {
                JsonValueKind.String => ValidateString(node, instance, text),
                JsonValueKind.Number => ValidateNumber(node, instance),
                JsonValueKind.Object => ValidateObject(node, instance, depth),
                JsonValueKind.Array => ValidateArray(node, instance, depth),
                _ => true,
            };
        }

        private static bool TypeMatches(JsonTypes types, JsonElement instance, JsonValueKind kind)
        {
            if (types == JsonTypes.All)
            {
                return true;
            }

            return kind switch
            {
                JsonValueKind.Null => (types & JsonTypes.Null) != 0,
                JsonValueKind.True or JsonValueKind.False => (types & JsonTypes.Boolean) != 0,
                JsonValueKind.Object => (types & JsonTypes.Object) != 0,
                JsonValueKind.Array => (types & JsonTypes.Array) != 0,
                JsonValueKind.String => (types & JsonTypes.String) != 0,

                // A plain integer literal is an integer for every reading; 1.0 or 1e2 are left to JsonSchema.Net.
                JsonValueKind.Number => (types & JsonTypes.Number) != 0
                                        || ((types & JsonTypes.Integer) != 0 && instance.TryGetInt64(out _)),
                _ => false,
            };
        }

        private static bool MatchesEnumOrConst(Node node, JsonElement instance)
        {
            if (node.Const is { } constant && !SurelyEqual(instance, constant))
            {
                return false;
            }

            if (node.Enum is { } values)
            {
                foreach (var value in values)
                {
                    if (SurelyEqual(instance, value))
                    {
                        return true;
                    }
                }

                return false;
            }

            return true;
        }

        // Equal for any sensible reading (scalars only: enum/const with objects or arrays get no fast path).
        private static bool SurelyEqual(JsonElement instance, JsonElement expected) => instance.ValueKind switch
        {
            JsonValueKind.String => expected.ValueKind == JsonValueKind.String && instance.ValueEquals(expected.GetString()),
            JsonValueKind.Number => expected.ValueKind == JsonValueKind.Number
                                    && JsonMarshal.GetRawUtf8Value(instance).SequenceEqual(JsonMarshal.GetRawUtf8Value(expected)),
            JsonValueKind.True or JsonValueKind.False or JsonValueKind.Null => instance.ValueKind == expected.ValueKind,
            _ => false,
        };

        private static bool ValidateString(Node node, JsonElement instance, string? text)
        {
            if (!node.NeedsString)
            {
                return true;
            }

            text ??= instance.GetString()!;
            if ((node.MinLength >= 0 || node.MaxLength >= 0) && !LengthWithin(text, node.MinLength, node.MaxLength))
            {
                return false;
            }

            if (node.Pattern is { } pattern && !IsMatch(pattern, text))
            {
                return false;
            }

            return node.StringFormat is not { } predicate || predicate(text);
        }

        // A pattern that runs too long is left to JsonSchema.Net (which matches without a timeout).
        private static bool IsMatch(Regex pattern, string text)
        {
            try
            {
                return pattern.IsMatch(text);
            }
            catch (RegexMatchTimeoutException)
            {
                return false;
            }
        }

        // Within the bounds whether length counts UTF-16 units, code points or text elements.
        private static bool LengthWithin(string text, long min, long max)
        {
            if (System.Text.Ascii.IsValid(text))
            {
                return Within(text.Length, min, max);
            }

            var runes = 0;
            foreach (var _ in text.EnumerateRunes())
            {
                runes++;
            }

            var elements = 0;
            for (var i = 0; i < text.Length; i += StringInfo.GetNextTextElementLength(text, i))
            {
                elements++;
            }

            return Within(text.Length, min, max) && Within(runes, min, max) && Within(elements, min, max);
        }

        private static bool Within(long length, long min, long max) => length >= min && (max < 0 || length <= max);

        private static bool ValidateNumber(Node node, JsonElement instance)
        {
            if (node.Minimum is null && node.Maximum is null && node.ExclusiveMinimum is null && node.ExclusiveMaximum is null)
            {
                return true;
            }

            if (!instance.TryGetDouble(out var d) || !instance.TryGetDecimal(out var m))
            {
                return false;
            }

            return (node.Minimum is not { } min || (d >= min.Double && m >= min.Decimal))
                   && (node.Maximum is not { } max || (d <= max.Double && m <= max.Decimal))
                   && (node.ExclusiveMinimum is not { } emin || (d > emin.Double && m > emin.Decimal))
                   && (node.ExclusiveMaximum is not { } emax || (d < emax.Double && m < emax.Decimal));
        }

        private bool ValidateObject(Node node, JsonElement instance, int depth)
        {
            var properties = node.Properties;
            if (properties.Length == 0 && node.Required.Length == 0 && !node.HasAdditionalProperties)
            {
                return true;
            }

            if (depth + 1 >= path.Length)
            {
                return false;
            }

            // Pass 1, instance order: match names to schema properties; a repeated name is left to JsonSchema.Net. The
            // values of the first few are kept for pass 2.
            ulong seen = 0;
            var hasAdditional = false;
            var values = default(KeptValues);
            foreach (var property in instance.EnumerateObject())
            {
                var index = IndexOf(properties, property);
                if (index < 0)
                {
                    if (node.AdditionalProperties is { AlwaysFalse: true })
                    {
                        return false;
                    }

                    hasAdditional = true;
                    continue;
                }

                var bit = 1UL << index;
                if ((seen & bit) != 0)
                {
                    return false;
                }

                seen |= bit;
                if (index < KeptValues.Length)
                {
                    values[index] = property.Value;
                }
            }

            foreach (var name in node.Required)
            {
                var index = IndexOf(properties, name);
                if (index >= 0 ? (seen & (1UL << index)) == 0 : !instance.TryGetProperty(name, out _))
                {
                    return false;
                }
            }

            // Pass 2, schema order (JsonSchema.Net evaluates "properties" in schema order, then additionalProperties).
            for (var i = 0; i < properties.Length && seen != 0; i++)
            {
                if ((seen & (1UL << i)) == 0)
                {
                    continue;
                }

                var property = properties[i];
                JsonElement value;
                if (i < KeptValues.Length)
                {
                    value = values[i];
                }
                else if (!instance.TryGetProperty(property.Utf8Name, out value))
                {
                    return false;
                }

                path[depth] = new PathSegment { Name = property.Name, TopLocation = property.TopLocation, Index = -1 };
                if (!Validate(property.Schema, value, depth + 1))
                {
                    return false;
                }
            }

            // Pass 3, instance order: the remaining properties against additionalProperties.
            if (hasAdditional && node.AdditionalProperties is { } additional && !ReferenceEquals(additional, Node.True))
            {
                List<string>? names = null;
                foreach (var property in instance.EnumerateObject())
                {
                    if (IndexOf(properties, property) >= 0)
                    {
                        continue;
                    }

                    var name = property.Name;
                    names ??= [];
                    if (names.Contains(name))
                    {
                        return false;
                    }

                    names.Add(name);
                    path[depth] = new PathSegment { InstanceProperty = property, Index = -1 };
                    if (!Validate(additional, property.Value, depth + 1))
                    {
                        return false;
                    }
                }
            }

            return true;
        }

        private static int IndexOf(Property[] properties, JsonProperty property)
        {
            for (var i = 0; i < properties.Length; i++)
            {
                if (property.NameEquals(properties[i].Utf8Name))
                {
                    return i;
                }
            }

            return -1;
        }

        private static int IndexOf(Property[] properties, string name)
        {
            for (var i = 0; i < properties.Length; i++)
            {
                if (properties[i].Name == name)
                {
                    return i;
                }
            }

            return -1;
        }

        private bool ValidateArray(Node node, JsonElement instance, int depth)
        {
            var length = instance.GetArrayLength();
            if ((node.MinItems >= 0 && length < node.MinItems) || (node.MaxItems >= 0 && length > node.MaxItems))
            {
                return false;
            }

            if (node.UniqueItems && !SurelyUnique(instance, length))
            {
                return false;
            }

            if (node.Items is not { } items || ReferenceEquals(items, Node.True))
            {
                return true;
            }

            if (depth + 1 >= path.Length)
            {
                return false;
            }

            var index = 0;
            foreach (var item in instance.EnumerateArray())
            {
                path[depth] = new PathSegment { Index = index++ };
                if (!Validate(items, item, depth + 1))
                {
                    return false;
                }
            }

            return true;
        }

        // True only when no two items can be equal under any sensible equality (objects and arrays are not compared).
        private static bool SurelyUnique(JsonElement array, int length)
        {
            for (var i = 1; i < length; i++)
            {
                var a = array[i];
                for (var j = 0; j < i; j++)
                {
                    if (MaybeEqual(a, array[j]))
                    {
                        return false;
                    }
                }
            }

            return true;
        }

        private static bool MaybeEqual(JsonElement a, JsonElement b)
        {
            var kind = a.ValueKind;
            if (kind != b.ValueKind)
            {
                return false;
            }

            switch (kind)
            {
                case JsonValueKind.String:
                    return a.GetString() == b.GetString();
                case JsonValueKind.Number:
                    return !a.TryGetDouble(out var x) || !b.TryGetDouble(out var y) || x == y
                           || !a.TryGetDecimal(out var p) || !b.TryGetDecimal(out var q) || p == q;
                default:
                    return true; // null, booleans of the same value, objects, arrays
            }
        }

        private readonly string Location(int depth)
        {
            if (depth == 0)
            {
                return TraitsLocation;
            }

            if (depth == 1 && path[0].TopLocation is { } top)
            {
                return top;
            }

            var builder = new System.Text.StringBuilder(TraitsLocation, 32);
            for (var i = 0; i < depth; i++)
            {
                var segment = path[i];
                builder.Append('/');
                if (segment.Index >= 0)
                {
                    builder.Append(segment.Index.ToString(CultureInfo.InvariantCulture));
                }
                else
                {
                    builder.Append(SchemaDocumentWalker.Escape(segment.Name ?? segment.InstanceProperty.Name));
                }
            }

            return builder.ToString();
        }
    }
}
