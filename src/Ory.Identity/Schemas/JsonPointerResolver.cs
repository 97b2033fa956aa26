using System.Globalization;
using System.Text.Json;

namespace Ory.Identity;

/// <summary>Resolves an RFC 6901 JSON pointer (<c>/a/0/b~1c</c>) against a <see cref="JsonElement"/>.</summary>
internal static class JsonPointerResolver
{
    /// <summary>The value at <paramref name="pointer"/>, or null when it does not exist.</summary>
    public static JsonElement? Resolve(JsonElement root, string pointer)
    {
        if (pointer.Length == 0 || pointer == "#")
        {
            return root;
        }

        var current = root;
        var start = pointer[0] == '#' ? 1 : 0;
        foreach (var raw in pointer[start..].Split('/').Skip(1))
        {
            var segment = raw.Contains('~', StringComparison.Ordinal)
                ? raw.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal)
                : raw;
            switch (current.ValueKind)
            {
                case JsonValueKind.Object when current.TryGetProperty(segment, out var child):
                    current = child;
                    break;
                case JsonValueKind.Array when int.TryParse(segment, NumberStyles.None, CultureInfo.InvariantCulture, out var index)
                                              && index < current.GetArrayLength():
                    current = current[index];
                    break;
                default:
                    return null;
            }
        }

        return current;
    }
}
