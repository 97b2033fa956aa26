using System.Collections;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Ory.Identity.Serialization;

namespace Ory.Identity;

/// <summary>
/// Kratos's JSON for every Ory.Identity wire type, through one source-generated context (no reflection; trimming and
/// AOT safe). <c>OryIdentityJson.Deserialize&lt;CreateIdentityRequest&gt;(kratosBody)</c> accepts any Kratos create body.
/// </summary>
public static class OryIdentityJson
{
    /// <summary>The maximum nesting depth of documents read (traits and metadata included).</summary>
    public const int MaxDepth = 64;

    /// <summary>The serializer options: snake_case names, Kratos's omission rules, RFC 3339 timestamps.</summary>
    public static JsonSerializerOptions Options { get; } = CreateOptions();

    /// <summary>
    /// Makes other serializer options write and read every public wire type (<see cref="Identity"/>,
    /// <see cref="RecoveryLink"/>, <see cref="Session"/>, <see cref="ApiKey"/>, <see cref="OryError"/>, …) exactly as
    /// this class does: add it to <see cref="JsonSerializerOptions.Converters"/>. <c>AddOryIdentityHttp()</c> adds it to
    /// ASP.NET Core's and MVC's JSON options, so <c>Results.Ok(identity)</c> and MVC's <c>Ok(identity)</c> answer
    /// Kratos's JSON. The hot paths of this class never go through it.
    /// </summary>
    public static JsonConverter Converter { get; } = new OryIdentityJsonConverterFactory();

    /// <summary>Serializes a wire type to Kratos's JSON.</summary>
    /// <typeparam name="T">A wire type (<see cref="Identity"/>, <see cref="OryError"/>, …).</typeparam>
    /// <param name="value">The value.</param>
    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, TypeInfo<T>());

    /// <summary>Serializes a wire type to UTF-8 JSON.</summary>
    /// <typeparam name="T">A wire type.</typeparam>
    /// <param name="value">The value.</param>
    public static byte[] SerializeToUtf8Bytes<T>(T value) => JsonSerializer.SerializeToUtf8Bytes(value, TypeInfo<T>());

    /// <summary>
    /// Deserializes Kratos's JSON. Malformed JSON, unknown fields where Kratos is strict, and JSON that is not an object
    /// of the type throw <see cref="InvalidRequestException"/> with Kratos's decoder texts (e.g.
    /// <c>json: unknown field "schema_url"</c>). A JSON Patch is decoded as by the UTF-8 overload.
    /// </summary>
    /// <typeparam name="T">A wire type.</typeparam>
    /// <param name="json">The JSON text.</param>
    public static T Deserialize<T>(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        if (typeof(T) == typeof(Identity) && TryReadIdentity(json) is { } identity)
        {
            return (T)(object)identity;
        }

        if (typeof(T) == typeof(IReadOnlyList<JsonPatchOperation>))
        {
            return Deserialize<T>(System.Text.Encoding.UTF8.GetBytes(json));
        }

        try
        {
            return JsonSerializer.Deserialize(json, TypeInfo<T>())
                   ?? throw InvalidRequestException.WithMessage("json: cannot unmarshal null into a request body");
        }
        catch (JsonException e)
        {
            throw ToRequestError(e);
        }
    }

    // The stores' documents: the fast reader when it takes the document (see IdentityDocumentReader), else null.
    private static Identity? TryReadIdentity(string json)
    {
        const int StackLimit = 4096;
        var length = System.Text.Encoding.UTF8.GetMaxByteCount(json.Length);
        byte[]? rented = null;
        var buffer = length <= StackLimit ? stackalloc byte[StackLimit] : (rented = System.Buffers.ArrayPool<byte>.Shared.Rent(length));
        try
        {
            var written = System.Text.Encoding.UTF8.GetBytes(json, buffer);
            return IdentityDocumentReader.TryRead(buffer[..written]);
        }
        finally
        {
            if (rented is not null)
            {
                System.Buffers.ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    /// <summary>
    /// Deserializes Kratos's UTF-8 JSON; see <see cref="Deserialize{T}(string)"/>. Text that is not valid Unicode is
    /// read as Kratos reads it (see <see cref="ReplaceInvalidUnicode"/>). A JSON Patch
    /// (<c>IReadOnlyList&lt;JsonPatchOperation&gt;</c>) is decoded with Kratos's texts: <c>[null]</c>, <c>[1]</c>,
    /// an operation without a string <c>op</c> or <c>path</c>, or a body that is not an array is an
    /// <see cref="InvalidRequestException"/>, and <c>null</c> is no operations.
    /// </summary>
    /// <typeparam name="T">A wire type.</typeparam>
    /// <param name="utf8Json">The UTF-8 JSON bytes.</param>
    public static T Deserialize<T>(ReadOnlySpan<byte> utf8Json)
    {
        if (JsonTextRepair.NeedsRepair(utf8Json))
        {
            utf8Json = JsonTextRepair.Repair(utf8Json);
        }

        if (typeof(T) == typeof(IReadOnlyList<JsonPatchOperation>))
        {
            return (T)IdentityJsonPatch.ParseOperations(utf8Json);
        }

        try
        {
            return JsonSerializer.Deserialize(utf8Json, TypeInfo<T>())
                   ?? throw InvalidRequestException.WithMessage("json: cannot unmarshal null into a request body");
        }
        catch (JsonException e)
        {
            throw ToRequestError(e);
        }
    }

    /// <summary>
    /// Replaces text that is not valid Unicode the way Go's JSON decoder (hence Kratos) reads it: each byte of an invalid
    /// UTF-8 sequence becomes U+FFFD, and a <c>\uD800</c>–<c>\uDFFF</c> escape that is not half of a surrogate pair
    /// becomes <c>\uFFFD</c>. Call it on a body before parsing it yourself (System.Text.Json throws
    /// <see cref="InvalidOperationException"/> when such a string is read). Valid JSON is returned as is, not copied.
    /// </summary>
    /// <param name="utf8Json">The UTF-8 JSON bytes.</param>
    /// <returns><paramref name="utf8Json"/> itself, or a repaired copy.</returns>
    public static byte[] ReplaceInvalidUnicode(byte[] utf8Json)
    {
        ArgumentNullException.ThrowIfNull(utf8Json);
        return JsonTextRepair.NeedsRepair(utf8Json) ? JsonTextRepair.Repair(utf8Json) : utf8Json;
    }

    /// <summary>The source-generated metadata of a wire type.</summary>
    /// <typeparam name="T">A wire type.</typeparam>
    public static JsonTypeInfo<T> TypeInfo<T>() =>
        (JsonTypeInfo<T>?)Options.GetTypeInfo(typeof(T))
        ?? throw new NotSupportedException($"{typeof(T)} is not an Ory.Identity wire type.");

    internal static InvalidRequestException ToRequestError(JsonException e)
    {
        var message = e.Message.Contains("could not be mapped to any .NET member", StringComparison.Ordinal)
            ? $"json: unknown field \"{LastPathSegment(e.Path)}\""
            : e.Message.Contains("does not contain any JSON tokens", StringComparison.Ordinal)
                ? "unexpected end of JSON input"
                : "json: " + StripDotNetDetails(e.Message);
        return new InvalidRequestException(
            new OryError { Code = 400, Status = "Bad Request", Message = message },
            message,
            e);
    }

    private static string LastPathSegment(string? path)
    {
        if (string.IsNullOrEmpty(path))
        {
            return string.Empty;
        }

        var dot = path.LastIndexOf('.');
        var segment = dot >= 0 ? path[(dot + 1)..] : path;
        return segment.Trim('[', ']', '\'');
    }

    private static string StripDotNetDetails(string message)
    {
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        return cut > 0 ? message[..cut] : message;
    }

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(OryIdentityJsonContext.Default.Options)
        {
            MaxDepth = MaxDepth,

            // As Go's encoder: quotes escaped as \" and non-ASCII written as UTF-8, not as \uXXXX.
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            TypeInfoResolver = OryIdentityJsonContext.Default.WithAddedModifier(OmitEmptyCollections),
        };
        options.MakeReadOnly();
        return options;
    }

    // Kratos omits empty address lists and credential maps (Go's omitempty).
    private static void OmitEmptyCollections(JsonTypeInfo typeInfo)
    {
        if (typeInfo.Type != typeof(Identity))
        {
            return;
        }

        foreach (var property in typeInfo.Properties)
        {
            if (property.Name is "verifiable_addresses" or "recovery_addresses" or "credentials")
            {
                property.ShouldSerialize = static (_, value) =>
                    value is ICollection { Count: > 0 } or IReadOnlyDictionary<CredentialsType, IdentityCredentials> { Count: > 0 };
            }
        }
    }
}
