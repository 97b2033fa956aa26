using System.Text.Json;
using System.Text.Json.Serialization;

namespace Ory.Identity.Serialization;

/// <summary>Reads and writes <see cref="CredentialsType"/> as its wire name, also as a dictionary key.</summary>
internal sealed class CredentialsTypeJsonConverter : JsonConverter<CredentialsType>
{
    public override CredentialsType Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.String && reader.GetString() is { Length: > 0 } name
            ? new CredentialsType(name)
            : throw new JsonException("A credential type must be a non-empty string.");

    public override void Write(Utf8JsonWriter writer, CredentialsType value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.Value);

    public override CredentialsType ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.GetString() is { Length: > 0 } name
            ? new CredentialsType(name)
            : throw new JsonException("A credential type must be a non-empty string.");

    public override void WriteAsPropertyName(Utf8JsonWriter writer, CredentialsType value, JsonSerializerOptions options) =>
        writer.WritePropertyName(value.Value);
}
