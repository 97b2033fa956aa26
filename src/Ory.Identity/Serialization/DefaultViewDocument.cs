using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Ory.Identity.Serialization;

/// <summary>
/// Writes an identity's default admin view (no credentials, the configured <c>schema_url</c>) straight from its stored
/// document, the bytes <see cref="OryIdentityJson"/> wrote for it: the fast path of
/// <see cref="IIdentityManager.ListJsonAsync"/> over a store that keeps Kratos JSON (<see cref="Storage.IIdentityJsonListing"/>).
/// </summary>
/// <remarks>
/// It copies the document as it is, leaving out the <c>credentials</c> member and putting the configured schema URL in
/// place of the stored one: what <c>identity with { Credentials = empty, SchemaUrl = configured }</c> serializes to, as
/// the model path writes it. It takes only documents in the shape <see cref="OryIdentityJson"/> writes (no whitespace,
/// Identity's members in declaration order, the members it always writes present); for any other it answers false and
/// writes nothing, and the caller reads that document through the model. <c>ListJsonDifferentialTests</c> in each SQL
/// store's tests compare the two paths byte for byte.
/// </remarks>
internal sealed class DefaultViewDocument(Func<string, string> schemaUrlOf)
{
    // Identity's JSON members in the order System.Text.Json writes them (declaration order).
    private static readonly byte[][] Members =
    [
        "id"u8.ToArray(), "schema_id"u8.ToArray(), "schema_url"u8.ToArray(), "state"u8.ToArray(), "state_changed_at"u8.ToArray(),
        "traits"u8.ToArray(), "verifiable_addresses"u8.ToArray(), "recovery_addresses"u8.ToArray(), "metadata_public"u8.ToArray(),
        "metadata_admin"u8.ToArray(), "credentials"u8.ToArray(), "external_id"u8.ToArray(), "organization_id"u8.ToArray(),
        "created_at"u8.ToArray(), "updated_at"u8.ToArray(),
    ];

    private const int SchemaId = 1, SchemaUrl = 2, Credentials = 10;

    // The members the serializer writes on every identity (the others are omitted when null or empty): id, schema_id,
    // schema_url, state, traits, metadata_public and organization_id (null written), the two times.
    private const int AlwaysWritten = 1 << 0 | 1 << 1 | 1 << 2 | 1 << 3 | 1 << 5 | 1 << 8 | 1 << 12 | 1 << 13 | 1 << 14;

    private static readonly JsonReaderOptions ReaderOptions = new() { MaxDepth = OryIdentityJson.MaxDepth };

    private byte[] _lastSchemaId = [];
    private byte[]? _lastSchemaUrl;

    /// <summary>
    /// Appends the default view of <paramref name="document"/> to <paramref name="output"/>; false, with nothing
    /// appended, when the document is not in the shape <see cref="OryIdentityJson"/> writes.
    /// </summary>
    public bool TryAppend(ReadOnlySpan<byte> document, IBufferWriter<byte> output)
    {
        if (!TryLocate(document, out var url, out var credentials, out var schemaId))
        {
            return false;
        }

        var configured = ConfiguredUrl(schemaId);
        if (configured is null)
        {
            Write(output, document[..credentials.Start]);
        }
        else
        {
            Write(output, document[..url.Start]);
            Write(output, "\""u8);
            Write(output, configured);
            Write(output, "\""u8);
            Write(output, document[url.End..credentials.Start]);
        }

        Write(output, document[credentials.End..]);
        return true;
    }

    // The quoted schema_url value, the credentials member with its leading comma (empty when absent, at the closing
    // brace's position), and the schema_id token as written (quoted); false when the document is not in the serializer's shape.
    private static bool TryLocate(ReadOnlySpan<byte> document, out (int Start, int End) url, out (int Start, int End) credentials, out ReadOnlySpan<byte> quotedSchemaId)
    {
        url = default;
        credentials = default;
        quotedSchemaId = default;
        var reader = new Utf8JsonReader(document, ReaderOptions);
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return false;
            }

            var seen = 0;
            var last = -1;
            var end = 1; // Where the next member's name must start: right after '{' or after the previous value's ','.
            while (reader.Read())
            {
                if (reader.TokenType == JsonTokenType.EndObject)
                {
                    var close = (int)reader.TokenStartIndex;
                    if (close != end - 1 || close != document.Length - 1 || (seen & AlwaysWritten) != AlwaysWritten)
                    {
                        return false;
                    }

                    credentials = (seen & 1 << Credentials) == 0 ? (close, close) : credentials;
                    return true;
                }

                var nameStart = (int)reader.TokenStartIndex;
                if (reader.TokenType != JsonTokenType.PropertyName || reader.ValueIsEscaped || nameStart != end
                    || (nameStart > 1 && document[nameStart - 1] != (byte)','))
                {
                    return false;
                }

                var member = IndexOf(reader.ValueSpan);
                if (member <= last)
                {
                    return false;
                }

                var valueStartExpected = nameStart + reader.ValueSpan.Length + 3; // "name":
                last = member;
                seen |= 1 << member;
                if (!reader.Read() || (int)reader.TokenStartIndex != valueStartExpected)
                {
                    return false;
                }

                var valueStart = valueStartExpected;
                if (member == SchemaId)
                {
                    if (reader.TokenType != JsonTokenType.String)
                    {
                        return false;
                    }

                    quotedSchemaId = document[valueStart..(int)reader.BytesConsumed];
                }

                if (member == SchemaUrl && reader.TokenType != JsonTokenType.String)
                {
                    return false;
                }

                reader.Skip();
                var valueEnd = (int)reader.BytesConsumed;
                if (member == SchemaUrl)
                {
                    url = (valueStart, valueEnd);
                }
                else if (member == Credentials)
                {
                    credentials = (nameStart - 1, valueEnd);
                }

                end = valueEnd + 1;
            }

            return false;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    // The configured URL of the schema, JSON-escaped as the serializer escapes it; null when none is configured (the
    // stored one stays, as in IdentityManager.WithSchemaUrl).
    private byte[]? ConfiguredUrl(ReadOnlySpan<byte> quotedSchemaId)
    {
        if (!quotedSchemaId.SequenceEqual(_lastSchemaId))
        {
            var reader = new Utf8JsonReader(quotedSchemaId);
            reader.Read();
            var configured = schemaUrlOf(reader.GetString()!);
            _lastSchemaId = quotedSchemaId.ToArray();
            _lastSchemaUrl = configured.Length == 0
                ? null
                : JsonEncodedText.Encode(configured, JavaScriptEncoder.UnsafeRelaxedJsonEscaping).EncodedUtf8Bytes.ToArray();
        }

        return _lastSchemaUrl;
    }

    private static int IndexOf(ReadOnlySpan<byte> name)
    {
        for (var i = 0; i < Members.Length; i++)
        {
            if (name.SequenceEqual(Members[i]))
            {
                return i;
            }
        }

        return -1;
    }

    private static void Write(IBufferWriter<byte> output, ReadOnlySpan<byte> bytes)
    {
        if (bytes.IsEmpty)
        {
            return;
        }

        bytes.CopyTo(output.GetSpan(bytes.Length));
        output.Advance(bytes.Length);
    }
}
