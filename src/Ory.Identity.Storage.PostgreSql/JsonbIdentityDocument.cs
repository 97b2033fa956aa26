using System.Buffers;
using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Ory.Identity.Storage.PostgreSql;

/// <summary>
/// Turns the text PostgreSQL renders for a stored identity's <c>jsonb</c> document into what
/// <see cref="OryIdentityJson"/> writes for the identity that text deserializes to, without its credentials: the
/// documents of <see cref="PostgreSqlIdentityStore.ListJsonAsync"/>, without a round trip through the model.
/// </summary>
/// <remarks>
/// <para>
/// <c>jsonb</c> keeps values, not formatting: it orders every object's members by length, then bytes, writes
/// <c>": "</c> and <c>", "</c>, escapes strings its own way and renders numbers as <c>numeric</c> does. Reading that text
/// into an <see cref="Identity"/> and serializing it puts the members of the model's types (the identity, its addresses)
/// back in their declared order, and keeps free-form JSON (traits, metadata) in <c>jsonb</c>'s order with its numbers as
/// written. This writer does the same from the serializer's own metadata (<see cref="JsonTypeInfo.Properties"/> of
/// <see cref="OryIdentityJson.Options"/>): the members of a model type are written in the order of its properties, every
/// other value is copied token by token through a <see cref="Utf8JsonWriter"/> with the serializer's encoder, so strings
/// are escaped as the serializer escapes them and numbers are copied as they are.
/// </para>
/// <para>
/// It answers false (nothing written) for anything outside that shape: a member the model does not know, a member twice,
/// an escaped member name, a model type's value that is not an object or array. The caller then goes through the model.
/// Typed values (ids, times, states) are copied as stored, which is what the serializer writes again for them, since it
/// wrote them. <c>JsonbIdentityDocumentTests</c> compares it with the model path on every shape of the conformance kit's
/// list test, on documents read back from PostgreSQL.
/// </para>
/// </remarks>
internal static class JsonbIdentityDocument
{
    private static readonly JsonReaderOptions ReaderOptions = new() { MaxDepth = OryIdentityJson.MaxDepth };

    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Encoder = OryIdentityJson.Options.Encoder,
        MaxDepth = OryIdentityJson.MaxDepth,
        SkipValidation = true,
    };

    private static readonly JsonTypeInfo IdentityType = OryIdentityJson.Options.GetTypeInfo(typeof(Identity));

    private static readonly ConcurrentDictionary<JsonTypeInfo, Members> MembersOf = new();

    private static readonly ConcurrentDictionary<JsonTypeInfo, JsonTypeInfo> ElementOf = new();

    /// <summary>
    /// Writes the serializer's text of the identity in <paramref name="jsonbText"/>, without its credentials, into
    /// <paramref name="output"/> (emptied first); false when the text is not in the shape described above.
    /// </summary>
    public static bool TryWrite(ReadOnlySpan<byte> jsonbText, ArrayBufferWriter<byte> output)
    {
        output.ResetWrittenCount();
        using var writer = new Utf8JsonWriter(output, WriterOptions);
        try
        {
            if (WriteValue(jsonbText, IdentityType, writer, leaveOut: "credentials"))
            {
                writer.Flush();
                return true;
            }
        }
        catch (JsonException)
        {
        }

        return false;
    }

    // Writes the one JSON value `json` holds, read as `type`.
    private static bool WriteValue(ReadOnlySpan<byte> json, JsonTypeInfo type, Utf8JsonWriter writer, string? leaveOut = null)
    {
        var reader = new Utf8JsonReader(json, ReaderOptions);
        reader.Read();
        return (type.Kind, reader.TokenType) switch
        {
            (JsonTypeInfoKind.Object, JsonTokenType.StartObject) => WriteObject(json, ref reader, MembersOf.GetOrAdd(type, static t => new Members(t)), writer, leaveOut),
            (JsonTypeInfoKind.Enumerable, JsonTokenType.StartArray) => WriteArray(json, ref reader, ElementOf.GetOrAdd(type, static t => t.Options.GetTypeInfo(t.ElementType!)), writer),
            (JsonTypeInfoKind.None, _) or (_, JsonTokenType.Null) => Copy(ref reader, writer),
            _ => false,
        };
    }

    // An object of a model type: its members in the order of the type's properties.
    private static bool WriteObject(ReadOnlySpan<byte> json, ref Utf8JsonReader reader, Members members, Utf8JsonWriter writer, string? leaveOut)
    {
        Span<(int Start, int End)> values = stackalloc (int, int)[members.Names.Length];
        values.Clear();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var index = reader.ValueIsEscaped ? -1 : members.IndexOf(reader.ValueSpan);
            if (index < 0 || values[index].End != 0)
            {
                return false;
            }

            reader.Read();
            var start = (int)reader.TokenStartIndex;
            reader.Skip();
            values[index] = (start, (int)reader.BytesConsumed);
        }

        writer.WriteStartObject();
        for (var i = 0; i < values.Length; i++)
        {
            var (start, end) = values[i];
            if (end == 0 || members.Properties[i].Name == leaveOut)
            {
                continue;
            }

            writer.WritePropertyName(members.Names[i]);
            if (!WriteValue(json[start..end], members.Types[i], writer))
            {
                return false;
            }
        }

        writer.WriteEndObject();
        return true;
    }

    // A list: each element as its type.
    private static bool WriteArray(ReadOnlySpan<byte> json, ref Utf8JsonReader reader, JsonTypeInfo element, Utf8JsonWriter writer)
    {
        writer.WriteStartArray();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            var start = (int)reader.TokenStartIndex;
            reader.Skip();
            if (!WriteValue(json[start..(int)reader.BytesConsumed], element, writer))
            {
                return false;
            }
        }

        writer.WriteEndArray();
        return true;
    }

    // Any other value, token by token, members in the order they come.
    private static bool Copy(ref Utf8JsonReader reader, Utf8JsonWriter writer)
    {
        var depth = reader.CurrentDepth;
        while (WriteToken(ref reader, writer))
        {
            if (reader.CurrentDepth == depth && reader.TokenType is not (JsonTokenType.StartObject or JsonTokenType.StartArray))
            {
                return true;
            }

            if (!reader.Read())
            {
                return false;
            }
        }

        return false;
    }

    private static bool WriteToken(ref Utf8JsonReader reader, Utf8JsonWriter writer)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject:
                writer.WriteStartObject();
                return true;
            case JsonTokenType.EndObject:
                writer.WriteEndObject();
                return true;
            case JsonTokenType.StartArray:
                writer.WriteStartArray();
                return true;
            case JsonTokenType.EndArray:
                writer.WriteEndArray();
                return true;
            case JsonTokenType.PropertyName when reader.ValueIsEscaped:
                writer.WritePropertyName(reader.GetString()!);
                return true;
            case JsonTokenType.PropertyName:
                writer.WritePropertyName(reader.ValueSpan);
                return true;
            case JsonTokenType.String when reader.ValueIsEscaped:
                writer.WriteStringValue(reader.GetString());
                return true;
            case JsonTokenType.String:
                writer.WriteStringValue(reader.ValueSpan);
                return true;
            case JsonTokenType.Number:
                writer.WriteRawValue(reader.ValueSpan, skipInputValidation: true);
                return true;
            case JsonTokenType.True or JsonTokenType.False:
                writer.WriteBooleanValue(reader.TokenType == JsonTokenType.True);
                return true;
            case JsonTokenType.Null:
                writer.WriteNullValue();
                return true;
            default:
                return false;
        }
    }

    // A model type's JSON members in the serializer's order: names as UTF-8, and each one's type.
    private sealed class Members(JsonTypeInfo type)
    {
        public IList<JsonPropertyInfo> Properties { get; } = type.Properties;

        public byte[][] Names { get; } = [.. type.Properties.Select(static p => Encoding.UTF8.GetBytes(p.Name))];

        public JsonTypeInfo[] Types { get; } = [.. type.Properties.Select(p => type.Options.GetTypeInfo(p.PropertyType))];

        public int IndexOf(ReadOnlySpan<byte> name)
        {
            for (var i = 0; i < Names.Length; i++)
            {
                if (name.SequenceEqual(Names[i]))
                {
                    return i;
                }
            }

            return -1;
        }
    }
}
