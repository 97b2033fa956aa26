using System.Text.Json;
using System.Text.Json.Serialization;

namespace Ory.Identity.Serialization;

/// <summary>Reads and writes <see cref="IdentityState"/> as its wire string; any string is accepted and checked later.</summary>
internal sealed class IdentityStateJsonConverter : JsonConverter<IdentityState>
{
    public override IdentityState Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.String
            ? new IdentityState(reader.GetString()!)
            : throw new JsonException("The state must be a string.");

    public override void Write(Utf8JsonWriter writer, IdentityState value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.Value);
}
