using System.Text.Json;
using System.Text.Json.Serialization;

namespace Ory.Identity.Serialization;

/// <summary>
/// Writes and reads one wire type exactly as <see cref="OryIdentityJson"/> does, under whatever options hold the
/// converter (<see cref="OryIdentityJson.Converter"/>): the value is written as <see cref="OryIdentityJson"/>'s bytes,
/// unchanged (names, timestamps, omissions, escaping), and read with its source-generated metadata.
/// </summary>
/// <typeparam name="T">The wire type.</typeparam>
internal sealed class OryIdentityJsonConverter<T> : JsonConverter<T>
{
    public override T? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        JsonSerializer.Deserialize(ref reader, OryIdentityJson.TypeInfo<T>());

    public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) =>
        writer.WriteRawValue(OryIdentityJson.SerializeToUtf8Bytes(value), skipInputValidation: true);
}
