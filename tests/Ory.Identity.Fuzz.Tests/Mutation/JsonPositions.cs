using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Ory.Identity.Fuzz.Tests.Mutation;

/// <summary>Every position in a JSON tree (a property of an object or an element of an array) and ways to change one.</summary>
internal static class JsonPositions
{
    /// <summary>The marker a value is replaced with when its new text is not valid JSON (see <see cref="SerializeWithRaw"/>).</summary>
    private const string Marker = "__ory_fuzz_marker__";

    private static readonly JsonSerializerOptions Relaxed = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The containers and keys (string for objects, int for arrays) of every node below the root, depth first.</summary>
    public static List<(JsonNode Parent, object Key)> All(JsonNode root)
    {
        var positions = new List<(JsonNode, object)>();
        Walk(root, positions);
        return positions;
    }

    /// <summary>The value at a position.</summary>
    public static JsonNode? Get((JsonNode Parent, object Key) position) =>
        position.Key is string name ? position.Parent[name] : position.Parent[(int)position.Key];

    /// <summary>Replaces the value at a position.</summary>
    public static void Set((JsonNode Parent, object Key) position, JsonNode? value)
    {
        if (position.Key is string name)
        {
            position.Parent[name] = value;
        }
        else
        {
            position.Parent[(int)position.Key] = value;
        }
    }

    /// <summary>Serializes the tree with one position's value replaced by raw bytes (or the whole body when there is no position).</summary>
    public static byte[] SerializeWithRaw(JsonNode root, (JsonNode Parent, object Key)? position, byte[] raw)
    {
        if (position is null)
        {
            return raw;
        }

        Set(position.Value, JsonValue.Create(Marker));
        var text = Serialize(root);
        var quoted = JsonSerializer.SerializeToUtf8Bytes(Marker);
        var at = text.AsSpan().IndexOf(quoted);
        return [.. text.AsSpan(0, at), .. raw, .. text.AsSpan(at + quoted.Length)];
    }

    /// <summary>The tree as compact UTF-8 JSON, non-ASCII text left as it is.</summary>
    public static byte[] Serialize(JsonNode? root) => JsonSerializer.SerializeToUtf8Bytes(root, Relaxed);

    private static void Walk(JsonNode node, List<(JsonNode, object)> positions)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (name, child) in obj.ToList())
                {
                    positions.Add((obj, name));
                    if (child is not null)
                    {
                        Walk(child, positions);
                    }
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    positions.Add((array, i));
                    if (array[i] is { } child)
                    {
                        Walk(child, positions);
                    }
                }

                break;
        }
    }
}
