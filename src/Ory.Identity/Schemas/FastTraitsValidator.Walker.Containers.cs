using System.Text.Json;

namespace Ory.Identity;

/// <content>The walk's checks of objects (properties, <c>required</c>, <c>additionalProperties</c>) and arrays.</content>
internal sealed partial class FastTraitsValidator
{
    /// <summary>The values of an object's first schema properties, as pass 1 of <c>ValidateObject</c> found them.</summary>
    [System.Runtime.CompilerServices.InlineArray(Length)]
    private struct KeptValues
    {
        public const int Length = 8;

        private JsonElement _first;
    }

    private readonly partial struct Walker
    {
        private bool ValidateObject(Node node, JsonElement instance, int depth)
        {
            var properties = node.Properties;
            if (properties.Length == 0 && node.Required.Length == 0 && !node.HasAdditionalProperties)
            {
                return true;
            }

            if (depth + 1 >= _path.Length)
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

                _path[depth] = new PathSegment { Name = property.Name, TopLocation = property.TopLocation, Index = -1 };
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
                    _path[depth] = new PathSegment { InstanceProperty = property, Index = -1 };
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

            if (depth + 1 >= _path.Length)
            {
                return false;
            }

            var index = 0;
            foreach (var item in instance.EnumerateArray())
            {
                _path[depth] = new PathSegment { Index = index++ };
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
    }
}
