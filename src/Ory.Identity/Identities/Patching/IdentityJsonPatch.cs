using System.Text.Json;
using System.Text.Json.Nodes;

namespace Ory.Identity;

/// <summary>
/// Applies RFC 6902 JSON Patches to the admin JSON of an identity with Kratos's rules (Kratos's identity/handler.go, patchIdentity; ory/x
/// <c>jsonx.ApplyJSONPatch</c> over evanphx/json-patch with <c>EnsurePathExistsOnAdd</c>):
/// <list type="bullet">
/// <item>only <c>add</c>, <c>remove</c> and <c>replace</c> (compared case-sensitively) are accepted;</item>
/// <item>paths (and <c>from</c>, when present) on <see cref="JsonPatchDenyList"/> are refused;</item>
/// <item>a <c>replace</c> whose last segment is neither <c>-</c> nor an integer is applied as an <c>add</c>, so it
/// works on missing members;</item>
/// <item>an <c>add</c> (hence such a <c>replace</c>) creates missing or <c>null</c> parents as empty objects.
/// Kratos's handler tests (identity/handler_test.go) show it for <c>replace</c>; it holds for every <c>add</c> because
/// Kratos's patch library runs with <c>EnsurePathExistsOnAdd</c>. Unlike that library we never create or pad arrays: an array index must exist
/// (or be <c>-</c>, or equal the length, for the final segment of an add);</item>
/// <item>array indexes follow RFC 6901 strictly (no sign, no leading zero, no negative indexes).</item>
/// </list>
/// Every operation's op, deny-list status, pointer syntax and value presence are checked before any is applied, and
/// operations are applied to a deep clone, so a failing patch never leaves a half-patched document behind.
/// Error messages name operations and paths, never values.
/// </summary>
internal static class IdentityJsonPatch
{
    private const string Add = "add";
    private const string Remove = "remove";
    private const string Replace = "replace";

    /// <summary>
    /// Applies <paramref name="operations"/> in order and returns the patched document. <paramref name="document"/>
    /// is never mutated: the result is a deep clone (or <paramref name="document"/> itself when there are no
    /// operations).
    /// </summary>
    /// <param name="document">The identity's admin JSON (with credentials and metadata_admin).</param>
    /// <param name="operations">The decoded patch, e.g. from <see cref="ParseOperations"/>.</param>
    /// <returns>The patched document.</returns>
    /// <exception cref="InvalidRequestException">An operation is unsupported, denied, malformed or does not apply.</exception>
    public static JsonNode? Apply(JsonNode? document, IReadOnlyList<JsonPatchOperation> operations)
    {
        ArgumentNullException.ThrowIfNull(operations);
        if (operations.Count == 0)
        {
            return document;
        }

        // Pass 1, in Kratos's order: per operation, the op, then the path, then from against the deny-list.
        for (var i = 0; i < operations.Count; i++)
        {
            var operation = operations[i] ?? throw new ArgumentException("Operations must not contain null.", nameof(operations));
            if (operation.Op is not (Add or Remove or Replace))
            {
                throw JsonPatchErrors.UnsupportedOperation(operation.Op);
            }

            if (JsonPatchDenyList.IsDenied(operation.Path))
            {
                throw JsonPatchErrors.DeniedPath(operation.Path);
            }

            if (operation.From is { } from && JsonPatchDenyList.IsDenied(from))
            {
                throw JsonPatchErrors.DeniedPath(from);
            }
        }

        // Pass 2: pointer syntax and values, still before anything is applied.
        var tokens = new string[operations.Count][];
        for (var i = 0; i < operations.Count; i++)
        {
            var operation = operations[i];
            tokens[i] = JsonPatchPointer.Parse(operation.Path);
            if (operation.Op != Remove && operation.Value is null)
            {
                throw JsonPatchErrors.MissingValue(operation.Op, operation.Path);
            }
        }

        var root = document?.DeepClone();
        for (var i = 0; i < operations.Count; i++)
        {
            var operation = operations[i];
            switch (operation.Op)
            {
                case Remove:
                    ApplyRemove(root, tokens[i], operation.Path);
                    break;
                case Replace when JsonPatchPointer.IsElementAccess(operation.Path):
                    ApplyReplace(root, tokens[i], operation.Path, ToNode(operation.Value!.Value));
                    break;
                default:
                    // add, and replace of a member (Kratos rewrites those to add).
                    ApplyAdd(root, tokens[i], operation.Op, operation.Path, ToNode(operation.Value!.Value));
                    break;
            }
        }

        return root;
    }

    /// <summary>
    /// Decodes a raw <c>PATCH</c> body into operations with Kratos's error texts (reason
    /// <c>failed to unmarshal JSON patch</c>; message <c>unexpected end of JSON input</c> for an empty or truncated
    /// body, otherwise a parser message without content of the body). <c>null</c> decodes to no operations, as in
    /// Go. Unknown members are ignored; a duplicated member keeps its last value.
    /// </summary>
    /// <param name="utf8Json">The UTF-8 request body.</param>
    /// <returns>The operations, in order.</returns>
    /// <exception cref="InvalidRequestException">The body is not a JSON Patch document.</exception>
    public static IReadOnlyList<JsonPatchOperation> ParseOperations(ReadOnlySpan<byte> utf8Json)
    {
        if (IsBlank(utf8Json))
        {
            throw JsonPatchErrors.Unmarshal(JsonPatchErrors.UnexpectedEndOfInput);
        }

        using var body = ParseDocument(utf8Json);
        var root = body.RootElement;
        switch (root.ValueKind)
        {
            case JsonValueKind.Null:
                return [];
            case JsonValueKind.Array:
                break;
            default:
                throw JsonPatchErrors.Unmarshal($"json: cannot unmarshal {GoKind(root.ValueKind)} into Go value of type jsonpatch.Patch");
        }

        EnsureValidText(root);
        var operations = new JsonPatchOperation[root.GetArrayLength()];
        var index = 0;
        foreach (var element in root.EnumerateArray())
        {
            operations[index++] = ReadOperation(element);
        }

        return operations;
    }

    private static JsonPatchOperation ReadOperation(JsonElement element)
    {
        if (element.ValueKind == JsonValueKind.Null)
        {
            // Go decodes null into an empty operation, whose kind is "unknown".
            throw JsonPatchErrors.UnsupportedOperation("unknown");
        }

        if (element.ValueKind != JsonValueKind.Object)
        {
            throw JsonPatchErrors.Unmarshal($"json: cannot unmarshal {GoKind(element.ValueKind)} into Go value of type jsonpatch.Operation");
        }

        JsonElement? op = null, path = null, value = null, from = null;
        foreach (var property in element.EnumerateObject())
        {
            // Last occurrence wins, as in Go.
            switch (property.Name)
            {
                case "op":
                    op = property.Value;
                    break;
                case "path":
                    path = property.Value;
                    break;
                case "value":
                    value = property.Value;
                    break;
                case "from":
                    from = property.Value;
                    break;
            }
        }

        // Kratos checks the op first: a missing or non-string op is the "unknown" operation.
        if (op is not { ValueKind: JsonValueKind.String } opElement)
        {
            throw JsonPatchErrors.UnsupportedOperation("unknown");
        }

        if (path is not { ValueKind: JsonValueKind.String } pathElement)
        {
            throw JsonPatchErrors.MissingPath();
        }

        return new JsonPatchOperation
        {
            Op = opElement.GetString()!,
            Path = pathElement.GetString()!,
            Value = value?.Clone(),
            From = from is { ValueKind: JsonValueKind.String } fromElement ? fromElement.GetString() : null,
        };
    }

    // System.Text.Json cannot read (or write back) a string or name holding invalid UTF-8 or an unpaired surrogate
    // escape. Kratos reads those as U+FFFD; a caller that wants that repairs the body first. Here such text is a
    // malformed body (a 400), found before any operation is read or applied.
    private static void EnsureValidText(JsonElement element)
    {
        try
        {
            switch (element.ValueKind)
            {
                case JsonValueKind.String:
                    _ = element.GetString();
                    break;
                case JsonValueKind.Array:
                    foreach (var item in element.EnumerateArray())
                    {
                        EnsureValidText(item);
                    }

                    break;
                case JsonValueKind.Object:
                    foreach (var property in element.EnumerateObject())
                    {
                        _ = property.Name;
                        EnsureValidText(property.Value);
                    }

                    break;
            }
        }
        catch (InvalidOperationException)
        {
            throw JsonPatchErrors.Unmarshal(JsonPatchErrors.InvalidUnicode);
        }
    }

    private static JsonDocument ParseDocument(ReadOnlySpan<byte> utf8Json)
    {
        var reader = new Utf8JsonReader(utf8Json);
        JsonDocument document;
        try
        {
            document = JsonDocument.ParseValue(ref reader);
        }
        catch (JsonException ex)
        {
            throw DescribeSyntaxError(utf8Json, ex);
        }

        try
        {
            if (reader.Read())
            {
                document.Dispose();
                throw JsonPatchErrors.Unmarshal("invalid character after top-level value");
            }
        }
        catch (JsonException)
        {
            document.Dispose();
            throw JsonPatchErrors.Unmarshal("invalid character after top-level value");
        }

        return document;
    }

    // The parser's exception is not kept as the inner exception: its text quotes body content.
    private static InvalidRequestException DescribeSyntaxError(ReadOnlySpan<byte> utf8Json, JsonException ex)
    {
        // Re-read as a partial block: running out of data without a syntax error means the body was truncated.
        var reader = new Utf8JsonReader(utf8Json, isFinalBlock: false, state: default);
        try
        {
            while (reader.Read())
            {
            }

            return JsonPatchErrors.Unmarshal(JsonPatchErrors.UnexpectedEndOfInput);
        }
        catch (JsonException)
        {
            // .NET's and Go's texts quote the offending character, which may belong to a value: give its position only.
            var line = (ex.LineNumber ?? 0) + 1;
            var column = (ex.BytePositionInLine ?? 0) + 1;
            return JsonPatchErrors.Unmarshal(
                string.Create(System.Globalization.CultureInfo.InvariantCulture, $"invalid character at line {line}, byte {column}"));
        }
    }

    private static void ApplyAdd(JsonNode? root, string[] tokens, string op, string path, JsonNode? value)
    {
        if (tokens.Length == 0)
        {
            // Kratos (add on "") never replaces the whole document; doing so would bypass the deny-list.
            throw JsonPatchErrors.MissingTarget(op, path);
        }

        var parent = root;
        for (var i = 0; i < tokens.Length - 1; i++)
        {
            parent = ChildOrCreate(parent, tokens[i], op, path);
        }

        var last = tokens[^1];
        switch (parent)
        {
            case JsonObject obj:
                obj[last] = value;
                break;
            case JsonArray array when last == "-":
                array.Add(value);
                break;
            case JsonArray array:
                if (!JsonPatchPointer.TryParseIndex(last, out var index) || index > array.Count)
                {
                    throw JsonPatchErrors.InvalidIndex(op, path);
                }

                array.Insert(index, value);
                break;
            default:
                throw JsonPatchErrors.MissingTarget(op, path);
        }
    }

    private static void ApplyReplace(JsonNode? root, string[] tokens, string path, JsonNode? value)
    {
        // Only reached for element-looking paths (last segment "-" or an integer), which are never empty.
        var parent = Parent(root, tokens, Replace, path);
        var last = tokens[^1];
        switch (parent)
        {
            case JsonObject obj when obj.ContainsKey(last):
                obj[last] = value;
                break;
            case JsonArray array:
                if (!JsonPatchPointer.TryParseIndex(last, out var index) || index >= array.Count)
                {
                    throw JsonPatchErrors.InvalidIndex(Replace, path);
                }

                array[index] = value;
                break;
            default:
                throw JsonPatchErrors.MissingTarget(Replace, path);
        }
    }

    private static void ApplyRemove(JsonNode? root, string[] tokens, string path)
    {
        if (tokens.Length == 0)
        {
            throw JsonPatchErrors.MissingTarget(Remove, path);
        }

        var parent = Parent(root, tokens, Remove, path);
        var last = tokens[^1];
        switch (parent)
        {
            case JsonObject obj when obj.Remove(last):
                break;
            case JsonArray array:
                if (!JsonPatchPointer.TryParseIndex(last, out var index) || index >= array.Count)
                {
                    throw JsonPatchErrors.InvalidIndex(Remove, path);
                }

                array.RemoveAt(index);
                break;
            default:
                throw JsonPatchErrors.MissingTarget(Remove, path);
        }
    }

    // The existing parent of the last token; nothing is created.
    private static JsonNode? Parent(JsonNode? root, string[] tokens, string op, string path)
    {
        var node = root;
        for (var i = 0; i < tokens.Length - 1; i++)
        {
            node = node switch
            {
                JsonObject obj when obj.TryGetPropertyValue(tokens[i], out var child) && child is not null => child,
                JsonArray array when JsonPatchPointer.TryParseIndex(tokens[i], out var index) && index < array.Count
                    && array[index] is { } element => element,
                _ => throw JsonPatchErrors.MissingTarget(op, path),
            };
        }

        return node;
    }

    // The child of an add's intermediate segment, creating an empty object where it is missing or null.
    private static JsonNode ChildOrCreate(JsonNode? node, string token, string op, string path)
    {
        switch (node)
        {
            case JsonObject obj:
                if (obj.TryGetPropertyValue(token, out var child) && child is not null)
                {
                    return child;
                }

                var created = new JsonObject();
                obj[token] = created;
                return created;
            case JsonArray array:
                if (!JsonPatchPointer.TryParseIndex(token, out var index) || index >= array.Count)
                {
                    throw JsonPatchErrors.InvalidIndex(op, path);
                }

                if (array[index] is { } element)
                {
                    return element;
                }

                var slot = new JsonObject();
                array[index] = slot;
                return slot;
            default:
                throw JsonPatchErrors.MissingTarget(op, path);
        }
    }

    private static JsonNode? ToNode(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => JsonObject.Create(value),
        JsonValueKind.Array => JsonArray.Create(value),
        JsonValueKind.Null or JsonValueKind.Undefined => null,
        _ => JsonValue.Create(value),
    };

    private static bool IsBlank(ReadOnlySpan<byte> utf8Json)
    {
        foreach (var b in utf8Json)
        {
            if (b is not ((byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n'))
            {
                return false;
            }
        }

        return true;
    }

    private static string GoKind(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "object",
        JsonValueKind.Array => "array",
        JsonValueKind.String => "string",
        JsonValueKind.Number => "number",
        JsonValueKind.True or JsonValueKind.False => "bool",
        _ => "null",
    };
}
