using System.Globalization;
using System.Text.Json;

namespace Ory.Identity;

/// <content>The walk: each node's checks in JsonSchema.Net's order, the hits, and the instance location of a hit.</content>
internal sealed partial class FastTraitsValidator
{
    /// <summary>A step of the instance location: a property name, an instance property, or an array index.</summary>
    internal struct PathSegment
    {
        public string? Name;
        public string? TopLocation;
        public JsonProperty InstanceProperty;
        public int Index;
    }

    /// <summary>
    /// One walk of the traits: the scope's path stack, and where the hits go (collected, or applied at once).
    /// </summary>
    private readonly partial struct Walker
    {
        private readonly FastTraitsValidator _owner;
        private readonly PathSegment[] _path;
        private readonly List<ExtensionHit>? _hits;
        private readonly ExtensionDeriver? _deriver;

        public Walker(FastTraitsValidator owner, PathSegment[] path, List<ExtensionHit>? hits, ExtensionDeriver? deriver)
        {
            _owner = owner;
            _path = path;
            _hits = hits;
            _deriver = deriver;
        }

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
                var spec = _owner._extensions[node.ExtensionIndex];
                if (spec.HasEffect)
                {
                    if (kind == JsonValueKind.String)
                    {
                        text = instance.GetString()!;
                    }

                    var hit = new ExtensionHit(Location(depth), spec, instance) { Text = text };
                    if (_deriver is not null)
                    {
                        _deriver.Apply(in hit);
                    }
                    else
                    {
                        _hits!.Add(hit);
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

        private readonly string Location(int depth)
        {
            if (depth == 0)
            {
                return TraitsLocation;
            }

            if (depth == 1 && _path[0].TopLocation is { } top)
            {
                return top;
            }

            var builder = new System.Text.StringBuilder(TraitsLocation, 32);
            for (var i = 0; i < depth; i++)
            {
                var segment = _path[i];
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
