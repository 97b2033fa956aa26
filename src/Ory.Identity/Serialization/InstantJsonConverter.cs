using System.Text.Json;
using System.Text.Json.Serialization;
using NodaTime;
using NodaTime.Text;

namespace Ory.Identity.Serialization;

/// <summary>
/// Writes <see cref="Instant"/> as RFC 3339 UTC with trailing fractional zeros trimmed (Go's <c>RFC3339Nano</c>, as
/// Kratos writes); reads any RFC 3339 offset.
/// </summary>
internal sealed class InstantJsonConverter : JsonConverter<Instant>
{
    private static readonly InstantPattern Writer = InstantPattern.ExtendedIso;
    private static readonly OffsetDateTimePattern Reader = OffsetDateTimePattern.ExtendedIso;

    public override Instant Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException("Expected an RFC 3339 timestamp string.");
        }

        var text = reader.GetString()!;
        var result = Reader.Parse(text);
        if (result.Success)
        {
            return result.Value.ToInstant();
        }

        // Lower-case 't'/'z' and offsets like "+0000" are rare; Kratos rejects them too.
        throw new JsonException($"The value is not an RFC 3339 timestamp.");
    }

    public override void Write(Utf8JsonWriter writer, Instant value, JsonSerializerOptions options)
    {
        var text = Writer.Format(value);
        writer.WriteStringValue(text);
    }
}
