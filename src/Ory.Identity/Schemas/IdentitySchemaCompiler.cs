using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Json.Schema;

namespace Ory.Identity;

/// <summary>
/// Turns a schema body into an <see cref="IdentitySchema"/>: parses it, refuses remote <c>$ref</c>s and broken
/// patterns, checks it against Kratos's identity meta-schema, indexes its <c>ory.sh/kratos</c> blocks and compiles it
/// (draft-07, fresh registry). Every problem is an <see cref="InvalidOperationException"/> naming the schema id.
/// </summary>
internal static class IdentitySchemaCompiler
{
    private const string ExtensionKeyword = "ory.sh/kratos";
    private const string Base64Scheme = "base64://";
    private const string LocalBase = "https://base64.ory-identity.invalid/";

    /// <summary>Compiles one configured schema.</summary>
    public static IdentitySchema Compile(string id, string url, byte[] body, IdentitySchemaKind kind = IdentitySchemaKind.Person)
    {
        JsonElement document;
        JsonNode? copy;
        try
        {
            using var parsed = JsonDocument.Parse(body);
            document = parsed.RootElement.Clone();
            copy = JsonNode.Parse(body);
        }
        catch (JsonException ex)
        {
            throw Fail(id, $"is not valid JSON: {ex.Message}", ex);
        }

        var extensions = new List<KratosExtensionSpec>();
        var referenced = new List<(Uri Uri, JsonNode Node)>();
        Prepare(id, copy, extensions, referenced, depth: 0);

        if (IdentityMetaSchema.FindProblem(document) is { } problem)
        {
            throw Fail(id, problem);
        }

        var registry = new SchemaRegistry();
        var options = new BuildOptions { Dialect = Dialect.Draft07, SchemaRegistry = registry };
        var documents = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        try
        {
            foreach (var (uri, node) in referenced)
            {
                var element = ToElement(node);
                documents[SchemaPlan.KeyOf(uri)] = element;
                _ = JsonSchema.Build(element, options, uri);
            }

            var main = ToElement(copy);
            var compiled = JsonSchema.Build(main, options);
            documents[SchemaPlan.KeyOf(compiled.BaseUri)] = main;
            var plan = new SchemaPlan(extensions, main, documents)
            {
                Fast = referenced.Count == 0 ? FastTraitsValidator.TryCreate(main, extensions) : null,
            };
            return new IdentitySchema(id, url, document, compiled, plan, kind);
        }
        catch (Exception ex) when (ex is JsonSchemaException or RefResolutionException or ArgumentException or UriFormatException
                                       or InvalidOperationException or JsonException)
        {
            throw Fail(id, $"could not be compiled: {ex.Message}", ex);
        }
    }

    private static void Prepare(string id, JsonNode? root, List<KratosExtensionSpec> extensions, List<(Uri, JsonNode)> referenced, int depth)
    {
        SchemaDocumentWalker.Walk(root, (schema, pointer) =>
        {
            if (schema["$ref"] is JsonValue refValue && refValue.TryGetValue<string>(out var reference))
            {
                if (CheckReference(id, reference, pointer, extensions, referenced, depth) is { } rewritten)
                {
                    schema["$ref"] = rewritten;
                }
            }

            if (schema["pattern"] is JsonValue patternValue && patternValue.TryGetValue<string>(out var pattern))
            {
                CheckRegex(id, pattern, pointer + "/pattern");
            }

            if (schema["patternProperties"] is JsonObject patternProperties)
            {
                foreach (var (name, _) in patternProperties)
                {
                    CheckRegex(id, name, pointer + "/patternProperties");
                }
            }

            if (schema[ExtensionKeyword] is JsonObject block)
            {
                var format = schema["format"] is JsonValue f && f.TryGetValue<string>(out var fs) ? fs : null;
                extensions.Add(KratosExtensionSpec.Parse(block, pointer, format));
                schema[ExtensionKeyword] = extensions.Count - 1;
            }
        });
    }

    /// <summary>Checks a <c>$ref</c>; returns the replacement reference for a <c>base64://</c> one (registered under a local URI).</summary>
    private static string? CheckReference(
        string id, string reference, string pointer, List<KratosExtensionSpec> extensions, List<(Uri, JsonNode)> referenced, int depth)
    {
        if (reference.StartsWith('#'))
        {
            return null;
        }

        if (reference.StartsWith(Base64Scheme, StringComparison.OrdinalIgnoreCase))
        {
            if (depth > 8)
            {
                throw Fail(id, $"nests base64:// $refs too deeply at #{pointer}");
            }

            var hash = reference.IndexOf('#', StringComparison.Ordinal);
            var resource = hash < 0 ? reference : reference[..hash];
            if (!SchemaSourceReader.TryDecodeBase64(resource[Base64Scheme.Length..], out var bytes))
            {
                throw Fail(id, $"has a base64:// $ref at #{pointer} that is not valid base64");
            }

            JsonNode? node;
            try
            {
                node = JsonNode.Parse(bytes);
            }
            catch (JsonException ex)
            {
                throw Fail(id, $"has a base64:// $ref at #{pointer} that is not valid JSON", ex);
            }

            if (node is null)
            {
                throw Fail(id, $"has a base64:// $ref at #{pointer} that cannot be used");
            }

            // Base64 text is not a valid URI authority: register the document under a local, content-derived URI.
            var hashText = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(resource)));
            var uri = new Uri(LocalBase + hashText);
            if (!referenced.Any(r => r.Item1 == uri))
            {
                Prepare(id, node, extensions, referenced, depth + 1);
                referenced.Add((uri, node));
            }

            return uri.AbsoluteUri + (hash < 0 ? string.Empty : reference[hash..]);
        }

        if (reference.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || reference.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
        {
            throw Fail(id, $"has a $ref to a network location at #{pointer}; network $refs are not followed (only internal #/… pointers and base64:// are allowed)");
        }

        throw Fail(id, $"has an unsupported $ref at #{pointer}; only internal #/… pointers and base64:// are allowed");
    }

    private static void CheckRegex(string id, string pattern, string pointer)
    {
        try
        {
            _ = new Regex(pattern, RegexOptions.None, TimeSpan.FromSeconds(1));
        }
        catch (ArgumentException ex)
        {
            throw Fail(id, $"has a pattern at #{pointer} that does not compile: {ex.Message}", ex);
        }
    }

    private static JsonElement ToElement(JsonNode? node)
    {
        using var parsed = JsonDocument.Parse(Encoding.UTF8.GetBytes(node?.ToJsonString() ?? "null"));
        return parsed.RootElement.Clone();
    }

    private static InvalidOperationException Fail(string id, string problem, Exception? inner = null) =>
        new($"Identity schema \"{id}\" {problem}.", inner);
}
