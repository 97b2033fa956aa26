using System.Text;
using System.Text.Json.Nodes;

namespace Ory.Identity.Fuzz.Tests.Mutation;

/// <summary>
/// Mutations of a valid body: byte flips, invalid UTF-8, NUL, lone surrogates, deep nesting, huge numbers, duplicate
/// keys, wrong types, unknown and missing fields, truncation, empty and oversized bodies, odd roots.
/// </summary>
public static class BodyMutator
{
    private static readonly byte[][] InvalidUtf8 =
    [
        [0xFF], [0xC3, 0x28], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xE2, 0x82], [0xC0, 0xAF], [0x80],
    ];

    private static readonly string[] LoneSurrogates = [@"\ud800", @"\udfff", @"\ud83d", @"\udc00\ud800", @"\ud800\u0041"];

    private static readonly string[] HugeNumbers =
    [
        "1e400", "-1e400", "123456789012345678901234567890", "-9223372036854775809", "18446744073709551616",
        "1.7976931348623157e309", "4.9e-400", "-0", "0.000000000000000000000000000000000000001", "1E+2147483648",
    ];

    private static readonly string[] OddRoots = ["null", "[]", "[null]", "{}", "\"x\"", "1", "true", "[[]]", "[{}]", " ", "{\"\":null}"];

    private static readonly string[] OtherTypes = ["null", "true", "0", "-1", "\"\"", "\"x\"", "[]", "{}", "[null]", "{\"a\":[]}", "1.5"];

    private static readonly string[] Unicode = ["\uFEFFa@x.com", "a\u202Eb@x.com", "ａ@ｘ.com", "\U0001F600@x.com", "a\\\"b", "\t\r\n", "a\u0085b", "\\/\\b\\f"];

    /// <summary>A mutation of <paramref name="seed"/>; null body means none is sent. The label names what was done.</summary>
    public static (byte[]? Body, string Label) Apply(Random rng, byte[] seed)
    {
        var root = TryParse(seed);
        var positions = root is null ? [] : JsonPositions.All(root);
        (JsonNode Parent, object Key)? Pick() => positions.Count == 0 ? null : positions[rng.Next(positions.Count)];
        (JsonNode Parent, object Key)? PickString()
        {
            var strings = positions.Where(p => JsonPositions.Get(p) is JsonValue v && v.TryGetValue<string>(out _)).ToList();
            return strings.Count == 0 ? Pick() : strings[rng.Next(strings.Count)];
        }

        switch (rng.Next(16))
        {
            case 0:
                return (FlipBytes(rng, seed), "body:byte-flip");
            case 1:
                return (JsonRaw(root, PickString(), seed, Quoted([.. "a"u8, .. rng.Pick(InvalidUtf8), .. "@x.com"u8])), "body:invalid-utf8");
            case 2:
                return (JsonRaw(root, PickString(), seed, Quoted(rng.Next(2) == 0 ? "a\\u0000@x.com"u8.ToArray() : [.. "a"u8, 0x00, .. "b"u8])), "body:nul");
            case 3:
                return (JsonRaw(root, PickString(), seed, Quoted(Encoding.ASCII.GetBytes(rng.Pick(LoneSurrogates) + "@x.com"))), "body:lone-surrogate");
            case 4:
                var depth = new[] { 63, 64, 65, 200, 5000, 100_000 }[rng.Next(6)];
                var nested = rng.Next(2) == 0
                    ? new string('[', depth) + new string(']', depth)
                    : string.Concat(Enumerable.Repeat("{\"a\":", depth)) + "1" + new string('}', depth);
                return (JsonRaw(root, Pick(), seed, Encoding.ASCII.GetBytes(nested)), $"body:deep-nesting({depth})");
            case 5:
                return (JsonRaw(root, Pick(), seed, Encoding.ASCII.GetBytes(rng.Pick(HugeNumbers))), "body:huge-number");
            case 6:
                return (DuplicateKey(rng, seed), "body:duplicate-key");
            case 7:
                return (JsonRaw(root, Pick(), seed, Encoding.ASCII.GetBytes(rng.Pick(OtherTypes))), "body:wrong-type");
            case 8:
                return (UnknownField(rng, root, positions, seed), "body:unknown-field");
            case 9:
                return (RemoveField(rng, root, positions, seed), "body:missing-field");
            case 10:
                return (seed[..rng.Next(seed.Length)], "body:truncated");
            case 11:
                return rng.Next(2) == 0 ? ([], "body:empty") : (null, "body:none");
            case 12:
                return (Encoding.ASCII.GetBytes(rng.Pick(OddRoots)), "body:odd-root");
            case 13:
                var length = new[] { 10_000, 300_000, 1_100_000 }[rng.Next(3)];
                return (JsonRaw(root, PickString(), seed, Quoted(Encoding.ASCII.GetBytes(new string('a', length)))), $"body:long-string({length})");
            case 14:
                return (Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat(Encoding.UTF8.GetString(seed), 2))), "body:two-documents");
            default:
                return (JsonRaw(root, PickString(), seed, Quoted(Encoding.UTF8.GetBytes(rng.Pick(Unicode)))), "body:odd-unicode");
        }
    }

    // A body an earlier mutation already broke (invalid UTF-8, a lone surrogate, a duplicate key) is treated as bytes,
    // not as JSON.
    private static JsonNode? TryParse(byte[] seed)
    {
        if (!System.Text.Unicode.Utf8.IsValid(seed))
        {
            return null;
        }

        try
        {
            var root = JsonNode.Parse(seed);
            foreach (var position in root is null ? [] : JsonPositions.All(root))
            {
                if (JsonPositions.Get(position) is JsonValue value)
                {
                    _ = value.ToJsonString();
                    _ = value.TryGetValue<string>(out _);
                }
            }

            return root;
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or InvalidOperationException or ArgumentException)
        {
            return null;
        }
    }

    private static byte[] Quoted(byte[] inner) => [(byte)'"', .. inner, (byte)'"'];

    // On a body that is not JSON (a form), the raw bytes are appended to it instead.
    private static byte[] JsonRaw(JsonNode? root, (JsonNode Parent, object Key)? position, byte[] seed, byte[] raw) =>
        root is null ? [.. seed, .. raw] : JsonPositions.SerializeWithRaw(root, position, raw);

    private static byte[] FlipBytes(Random rng, byte[] seed)
    {
        var copy = seed.ToArray();
        for (var i = rng.Next(1, 4); i > 0 && copy.Length > 0; i--)
        {
            copy[rng.Next(copy.Length)] ^= (byte)rng.Next(1, 256);
        }

        return copy;
    }

    // JsonNode keeps one value per key, so the duplicate goes in as text right after the first '{'.
    private static byte[] DuplicateKey(Random rng, byte[] seed)
    {
        var text = Encoding.UTF8.GetString(seed);
        var open = text.IndexOf('{', StringComparison.Ordinal);
        if (open < 0)
        {
            return seed;
        }

        var keys = System.Text.RegularExpressions.Regex.Matches(text, "\"([a-z_]+)\":").Select(m => m.Groups[1].Value).ToList();
        var key = keys.Count == 0 ? "schema_id" : keys[rng.Next(keys.Count)];
        var value = rng.Pick(OtherTypes);
        return Encoding.UTF8.GetBytes(text[..(open + 1)] + $"\"{key}\":{value}," + text[(open + 1)..]);
    }

    private static byte[] UnknownField(Random rng, JsonNode? root, List<(JsonNode Parent, object Key)> positions, byte[] seed)
    {
        var objects = positions.Select(JsonPositions.Get).OfType<JsonObject>().Prepend(root as JsonObject).OfType<JsonObject>().ToList();
        if (objects.Count == 0)
        {
            if (root is JsonArray array)
            {
                array.Add(new JsonObject { ["fuzz_unknown"] = 1 });
                return JsonPositions.Serialize(array);
            }

            return [.. seed, .. "&fuzz_unknown=1"u8];
        }

        objects[rng.Next(objects.Count)]["fuzz_unknown_" + rng.Next(100)] = JsonNode.Parse(rng.Pick(OtherTypes));
        return JsonPositions.Serialize(root);
    }

    private static byte[] RemoveField(Random rng, JsonNode? root, List<(JsonNode Parent, object Key)> positions, byte[] seed)
    {
        var properties = positions.Where(p => p.Key is string).ToList();
        if (properties.Count == 0)
        {
            return seed;
        }

        var (parent, key) = properties[rng.Next(properties.Count)];
        ((JsonObject)parent).Remove((string)key);
        return JsonPositions.Serialize(root);
    }
}
