using System.Text.Json.Nodes;

namespace Ory.Identity;

/// <summary>
/// Visits every (sub)schema object of a draft-07 schema document, following only keywords whose values are schemas
/// (so <c>enum</c>, <c>const</c>, <c>default</c> and <c>examples</c> are never mistaken for schemas).
/// </summary>
internal static class SchemaDocumentWalker
{
    private static readonly string[] SingleSchemaKeywords =
        ["additionalItems", "additionalProperties", "contains", "propertyNames", "not", "if", "then", "else", "items"];

    private static readonly string[] ArrayKeywords = ["allOf", "anyOf", "oneOf", "items"];

    private static readonly string[] MapKeywords = ["properties", "patternProperties", "definitions", "$defs", "dependencies"];

    /// <summary>Calls <paramref name="visit"/> for each schema object with its JSON pointer (<c>""</c> for the root).</summary>
    public static void Walk(JsonNode? root, Action<JsonObject, string> visit)
    {
        ArgumentNullException.ThrowIfNull(visit);
        Visit(root, string.Empty, visit);
    }

    /// <summary>Escapes one JSON pointer segment (<c>~</c> → <c>~0</c>, <c>/</c> → <c>~1</c>).</summary>
    public static string Escape(string segment) =>
        segment.Contains('~', StringComparison.Ordinal) || segment.Contains('/', StringComparison.Ordinal)
            ? segment.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal)
            : segment;

    private static void Visit(JsonNode? node, string pointer, Action<JsonObject, string> visit)
    {
        if (node is not JsonObject schema)
        {
            return;
        }

        visit(schema, pointer);
        foreach (var keyword in SingleSchemaKeywords)
        {
            if (schema[keyword] is JsonObject child)
            {
                Visit(child, pointer + "/" + keyword, visit);
            }
        }

        foreach (var keyword in ArrayKeywords)
        {
            if (schema[keyword] is JsonArray array)
            {
                for (var i = 0; i < array.Count; i++)
                {
                    Visit(array[i], pointer + "/" + keyword + "/" + i.ToString(System.Globalization.CultureInfo.InvariantCulture), visit);
                }
            }
        }

        foreach (var keyword in MapKeywords)
        {
            if (schema[keyword] is JsonObject map)
            {
                foreach (var (name, child) in map)
                {
                    Visit(child, pointer + "/" + keyword + "/" + Escape(name), visit);
                }
            }
        }
    }
}
