using System.Text.Json;
using System.Text.RegularExpressions;
using Json.Schema;

namespace Ory.Identity;

/// <content>The compiled schema: one <see cref="Node"/> per (sub)schema, read by the walk.</content>
internal sealed partial class FastTraitsValidator
{
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
}
