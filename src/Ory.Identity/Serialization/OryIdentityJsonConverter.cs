using System.Text.Json;
using System.Text.Json.Serialization;

namespace Ory.Identity;

/// <summary>
/// Writes and reads one public wire type exactly as <see cref="OryIdentityJson"/> does, under whatever options meet it
/// (the type's own <see cref="JsonConverterAttribute"/>, <see cref="OryIdentityJson.Converter"/>, or a host's
/// source-generated context that lists the type): the value is written as <see cref="OryIdentityJson"/>'s bytes,
/// unchanged (names, timestamps, omissions, escaping), and read with its source-generated metadata.
/// </summary>
/// <typeparam name="T">The wire type.</typeparam>
public sealed class OryIdentityJsonConverter<T> : JsonConverter<T>
{
    /// <inheritdoc />
    public override T? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        JsonSerializer.Deserialize(ref reader, OryIdentityJson.TypeInfo<T>());

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) =>
        writer.WriteRawValue(OryIdentityJson.SerializeToUtf8Bytes(value), skipInputValidation: true);
}
