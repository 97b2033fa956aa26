using System.Buffers;
using System.Text;
using System.Text.Json;
using Npgsql;
using Ory.Identity.Storage.Specification;

namespace Ory.Identity.Storage.PostgreSql.Tests;

/// <summary>
/// The differential test of <see cref="JsonbIdentityDocument"/>, the fast path of
/// <see cref="PostgreSqlIdentityStore.ListJsonAsync"/>: on documents PostgreSQL stored and renders back (members reordered,
/// numbers rewritten, strings escaped its own way), it takes every shape an identity has and writes the bytes of the
/// model path (the text read into an <see cref="Identity"/>, serialized without its credentials); what it does not take
/// is refused whole.
/// </summary>
public sealed class JsonbIdentityDocumentTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>
{
    // Free-form JSON in shapes jsonb changes: keys out of its order and repeated, numbers it rewrites, every kind of escape.
    private static readonly string[] Traits =
    [
        """{"email":"a@example.org"}""",
        """{"zeta":1,"email":"b@example.org","a":{"yy":[1e2,-0.5e-3,1.0,2.50,0,-0,12345678901234567890.125],"x":null},"name":"Zoë \"Q\" <b>&amp; 😀 \\ \u0001 \u001f \u2028 é </script>","bb":true,"b":false}""",
        """{"email":"c@example.org","dup":1,"dup":2,"nested":{"k":[],"j":{},"\u00fc":"\u00e9","a\"b":"tab\there"}}""",
        """{"email":"d@example.org","tags":["x",1E+2,null,{"k":[{"z":1,"a":2}]}],"age":-1.5E-7}""",
    ];

    private static readonly string?[] Metadata = [null, """{"plan":"pro","nested":{"ü":[1,2.50,"é"]}}""", "[]", "\"plain\"", "0.10"];

    [PostgresFact]
    public async Task Every_stored_shape_is_written_as_the_model_path_writes_it_without_falling_back()
    {
        await using var dataSource = await database.CreateMigratedSchemaAsync();
        var store = new PostgreSqlIdentityStore(dataSource);
        var identities = Varied().ToList();
        foreach (var identity in identities)
        {
            await store.InsertAsync(identity);
        }

        var texts = await StoredTextsAsync(dataSource);
        texts.Should().HaveCount(identities.Count);
        var output = new ArrayBufferWriter<byte>();
        foreach (var text in texts)
        {
            var modelPath = OryIdentityJson.Serialize(OryIdentityJson.Deserialize<Identity>(text) with { Credentials = new Dictionary<CredentialsType, IdentityCredentials>() });
            JsonbIdentityDocument.TryWrite(Encoding.UTF8.GetBytes(text), output).Should().BeTrue("the fast path takes {0}", text);
            Encoding.UTF8.GetString(output.WrittenSpan).Should().Be(modelPath);
        }

        var query = new IdentityStoreQuery { Limit = 100 };
        var listed = await store.ListJsonAsync(query);
        var models = await store.ListAsync(query);
        listed.Select(d => d.Id).Should().Equal(models.Select(i => i.Id));
        listed.Select(d => Encoding.UTF8.GetString(d.Utf8Json.Span)).Should().Equal(
            models.Select(i => OryIdentityJson.Serialize(i with { Credentials = new Dictionary<CredentialsType, IdentityCredentials>() })));
    }

    [Theory]
    [InlineData("""{"id": "0193a0a8-0000-7000-8000-000000000001", "unknown": 1}""")]
    [InlineData("""{"id": "0193a0a8-0000-7000-8000-000000000001", "id": "0193a0a8-0000-7000-8000-000000000002"}""")]
    [InlineData("""{"\u0069d": "0193a0a8-0000-7000-8000-000000000001"}""")]
    [InlineData("""{"verifiable_addresses": {"value": "a"}}""")]
    [InlineData("""{"verifiable_addresses": [{"value": "a", "extra": 1}]}""")]
    [InlineData("""[1]""")]
    [InlineData("""{"traits": {"a": }""")]
    public void A_document_outside_the_model_is_refused(string text) =>
        JsonbIdentityDocument.TryWrite(Encoding.UTF8.GetBytes(text), new ArrayBufferWriter<byte>()).Should().BeFalse();

    [PostgresFact]
    public async Task Rows_stored_before_the_text_column_are_read_after_the_migration()
    {
        await using var dataSource = await database.CreateMigratedSchemaAsync();
        await using (var undo = dataSource.CreateCommand("ALTER TABLE identities DROP COLUMN document_text; DELETE FROM schema_migrations WHERE version = 5"))
        {
            await undo.ExecuteNonQueryAsync();
        }

        var identity = Varied().ElementAt(1);
        await using (var insert = dataSource.CreateCommand(
            "INSERT INTO identities (id, schema_id, state, document, created_at, updated_at) VALUES ($1, 'default', 'active', $2::jsonb, now(), now())"))
        {
            insert.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = identity.Id });
            insert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = OryIdentityJson.Serialize(identity) });
            await insert.ExecuteNonQueryAsync();
        }

        (await PostgreSqlStorageMigrator.MigrateAsync(dataSource)).Should().Equal(5);

        var store = new PostgreSqlIdentityStore(dataSource);
        var read = await store.GetAsync(identity.Id);
        OryIdentityJson.Serialize(read).Should().Be(OryIdentityJson.Serialize(OryIdentityJson.Deserialize<Identity>((await StoredTextsAsync(dataSource, "document::text")).Single())));
        read!.Traits.GetProperty("zeta").GetInt32().Should().Be(1);
    }

    [PostgresFact]
    public async Task The_text_follows_every_write_of_the_document()
    {
        await using var dataSource = await database.CreateMigratedSchemaAsync();
        var store = new PostgreSqlIdentityStore(dataSource);
        var single = IdentityStoreTestData.NewIdentity();
        await store.InsertAsync(single);
        await store.InsertManyAsync([IdentityStoreTestData.NewIdentity(), IdentityStoreTestData.NewIdentity()]);
        await store.UpdateAsync(single.Id, i => i with { Traits = JsonDocument.Parse("""{"email":"changed@example.org","b":2,"a":1}""").RootElement });

        (await StoredTextsAsync(dataSource)).Should().Equal(await StoredTextsAsync(dataSource, "document::text"));
        (await store.GetAsync(single.Id))!.Traits.GetRawText().Should().Be("""{"a": 1, "b": 2, "email": "changed@example.org"}""");
    }

    private static IEnumerable<Identity> Varied()
    {
        for (var i = 0; i < Traits.Length * Metadata.Length; i++)
        {
            var identity = IdentityStoreTestData.NewIdentity(
                externalId: i % 3 == 0 ? $"ext-{i}-ñ" : null,
                organizationId: i % 2 == 0 ? Guid.CreateVersion7() : null)
                .WithCredential(CredentialsType.Code, IdentityStoreTestData.NewEmail());
            yield return identity with
            {
                State = i % 4 == 0 ? IdentityState.Inactive : IdentityState.Active,
                Traits = Parse(Traits[i % Traits.Length])!.Value,
                MetadataPublic = Parse(Metadata[i % Metadata.Length]),
                MetadataAdmin = Parse(Metadata[(i + 2) % Metadata.Length]),
                VerifiableAddresses = i % 5 == 0 ? [] : identity.VerifiableAddresses,
            };
        }
    }

    private static JsonElement? Parse(string? json) => json is null ? null : JsonDocument.Parse(json).RootElement;

    private static async Task<List<string>> StoredTextsAsync(NpgsqlDataSource dataSource, string column = "document_text")
    {
        await using var command = dataSource.CreateCommand($"SELECT {column} FROM identities ORDER BY id");
        await using var reader = await command.ExecuteReaderAsync();
        var texts = new List<string>();
        while (await reader.ReadAsync())
        {
            texts.Add(reader.GetString(0));
        }

        return texts;
    }
}
