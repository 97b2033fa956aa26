using System.Text;
using System.Text.Json;
using CsCheck;
using Ory.Identity.Serialization;
using Ory.Identity.Tests.Support;

namespace Ory.Identity.Tests.Serialization;

/// <summary>
/// Properties of the stores' fast reader (<see cref="IdentityDocumentReader"/>): any bytes give an identity or null,
/// never an exception; whatever it reads, System.Text.Json reads the same (so the fast path never accepts a document
/// the slow path would word differently); and a stored document with any field values reads back to the text it came
/// from.
/// </summary>
public sealed class IdentityDocumentReaderProperties
{
    private const string Template = """
        {"id":"0195f0a8-0000-7000-8000-000000000001","schema_id":"SCHEMA","schema_url":"http://localhost/schemas/ZGVmYXVsdA","state":"STATE",
        "state_changed_at":"CHANGED","traits":{"email":"EMAIL","n":NUMBER},
        "verifiable_addresses":[{"id":"0195f0a8-0000-7000-8000-000000000003","value":"EMAIL","verified":false,"via":"email","status":"pending","verified_at":null,"created_at":"CREATED","updated_at":"CREATED"}],
        "recovery_addresses":[{"id":"0195f0a8-0000-7000-8000-000000000004","value":"EMAIL","via":"email","created_at":"CREATED","updated_at":"CREATED"}],
        "metadata_public":null,"metadata_admin":{"note":"EMAIL"},
        "credentials":{"password":{"type":"password","identifiers":["EMAIL"],"config":{"hashed_password":"$2a$04$ZzAYJdsLEZo3fnIY6ZHvluOfbsGyS04s6ItnsDfs3b3eAeJ7tB/gi"},"version":0,"created_at":"CREATED","updated_at":"CREATED"}},
        "external_id":null,"organization_id":null,"created_at":"CREATED","updated_at":"CREATED"}
        """;

    private static readonly Gen<string> Texts = Gen.Frequency<string>(
        (3, Gen.String[Gen.Char[' ', '~'], 0, 20]),
        (1, Gen.String[Gen.Char, 0, 8]),
        (1, Gen.OneOf("", "\"", "\\", "\u2028", "\uD83D\uDE00", "\0", "<script>")));

    private static readonly Gen<string> Times = Gen.Select(Gen.Long[-62135596800L, 253402300799L], Gen.Int[0, 999_999_999], (seconds, nanos) =>
        NodaTime.Text.InstantPattern.ExtendedIso.Format(NodaTime.Instant.FromUnixTimeSeconds(seconds).PlusNanoseconds(nanos)));

    /// <summary>Stored documents with generated values, as the stores write them.</summary>
    private static readonly Gen<string> Documents = Gen.Select(
        Gen.Select(Texts, Texts, (schema, email) => (schema, email)),
        Gen.OneOf("active", "inactive"),
        Gen.Select(Times, Times, (changed, created) => (changed, created)),
        Gen.Frequency<string>((3, Gen.Long.Select(n => n.ToString(System.Globalization.CultureInfo.InvariantCulture))), (1, Gen.OneOf("1.5", "1e300", "-0", "123456789012345678901234567890"))),
        (strings, state, times, number) => Template
            .Replace("SCHEMA", Escape(strings.schema), StringComparison.Ordinal)
            .Replace("EMAIL", Escape(strings.email), StringComparison.Ordinal)
            .Replace("STATE", state, StringComparison.Ordinal)
            .Replace("CHANGED", times.changed, StringComparison.Ordinal)
            .Replace("CREATED", times.created, StringComparison.Ordinal)
            .Replace("NUMBER", number, StringComparison.Ordinal));

    [Fact]
    public void A_stored_document_with_any_values_reads_back_as_system_text_json_reads_it() =>
        PropertyCheck.Run(Documents, json =>
        {
            var fast = IdentityDocumentReader.TryRead(Encoding.UTF8.GetBytes(json));
            var slow = (Identity)JsonSerializer.Deserialize(json, OryIdentityJson.Options.GetTypeInfo(typeof(Identity)))!;

            Assert.NotNull(fast);
            Assert.Equal(OryIdentityJson.Serialize(slow), OryIdentityJson.Serialize(fast!));
        }, seed: "0DocReader01", iterations: 300);

    [Fact]
    public void Any_bytes_give_an_identity_or_null_and_what_the_reader_takes_system_text_json_reads_the_same() =>
        PropertyCheck.Run(NearValidText.Around(Documents), json =>
        {
            var bytes = Encoding.UTF8.GetBytes(json);
            var fast = IdentityDocumentReader.TryRead(bytes);
            if (fast is null)
            {
                return;
            }

            var slow = (Identity)JsonSerializer.Deserialize(bytes, OryIdentityJson.Options.GetTypeInfo(typeof(Identity)))!;
            Assert.Equal(OryIdentityJson.Serialize(slow), OryIdentityJson.Serialize(fast));
        }, seed: "0DocReader02", iterations: 2_000);

    private static string Escape(string text) => JsonSerializer.Serialize(text)[1..^1];
}
