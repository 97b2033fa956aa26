using System.Text.Json;

namespace Ory.Identity.Cli.Import;

/// <summary>
/// Tells an exported identity (Kratos's admin <c>identity</c> JSON, as <c>export</c> and <c>import kratos</c> read it)
/// from a <c>createIdentityBody</c>: only the former has a top-level <c>id</c>, which a create body never may.
/// </summary>
internal static class ExportedIdentityJson
{
    public static bool IsExported(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json);
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return false;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("id"u8))
                {
                    return true;
                }

                reader.Read();
                reader.Skip();
            }
        }
        catch (JsonException)
        {
            // Not JSON: the create decoder reports it.
        }

        return false;
    }
}
