using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Ory.Identity.Tests.Serialization;

/// <summary>
/// Serializers that know nothing of Ory.Identity (no <see cref="OryIdentityJson.Converter"/>) write and read the public
/// model as <see cref="OryIdentityJson"/> does, through each type's own <see cref="JsonConverterAttribute"/>.
/// </summary>
public sealed partial class BareSerializerOptionsTests
{
    public static TheoryData<string> Flavours => ["no options", "default", "web"];

    [Theory]
    [MemberData(nameof(Flavours))]
    public async Task Options_without_the_converter_write_every_sample_byte_for_byte_as_OryIdentityJson(string flavour)
    {
        foreach (var (name, value, type) in await WireTypeSamples.CreateAsync())
        {
            var expected = (byte[])typeof(OryIdentityJson).GetMethod(nameof(OryIdentityJson.SerializeToUtf8Bytes))!.MakeGenericMethod(type).Invoke(null, [value])!;

            var written = flavour == "no options"
                ? JsonSerializer.SerializeToUtf8Bytes(value, type)
                : JsonSerializer.SerializeToUtf8Bytes(value, type, Options(flavour));

            Encoding.UTF8.GetString(written).Should().Be(Encoding.UTF8.GetString(expected), $"{name} under {flavour}");
        }
    }

    [Fact]
    public async Task Bare_serialize_and_deserialize_of_an_identity_round_trip_Kratos_JSON()
    {
        var identity = await SampleAsync<Identity>("identity");

        var json = JsonSerializer.Serialize(identity);
        var read = JsonSerializer.Deserialize<Identity>(json)!;

        json.Should().Be(OryIdentityJson.Serialize(identity));
        json.Should().Contain("\"created_at\":\"").And.NotContain("CreatedAt");
        OryIdentityJson.Serialize(read).Should().Be(json);
    }

    [Fact]
    public async Task Web_options_read_Kratos_JSON_of_an_identity_and_a_recovery_link()
    {
        var identity = await SampleAsync<Identity>("identity");
        var link = await SampleAsync<RecoveryLink>("recovery link");

        var readIdentity = JsonSerializer.Deserialize<Identity>(OryIdentityJson.Serialize(identity), JsonSerializerOptions.Web)!;
        var readLink = JsonSerializer.Deserialize<RecoveryLink>(OryIdentityJson.Serialize(link), JsonSerializerOptions.Web)!;

        OryIdentityJson.Serialize(readIdentity).Should().Be(OryIdentityJson.Serialize(identity));
        OryIdentityJson.Serialize(readLink).Should().Be(OryIdentityJson.Serialize(link));
    }

    [Fact]
    public async Task A_list_of_identities_without_options_is_written_as_OryIdentityJson_writes_the_list()
    {
        var identity = await SampleAsync<Identity>("identity");
        IReadOnlyList<Identity> list = [identity, identity];

        JsonSerializer.Serialize(list).Should().Be(OryIdentityJson.Serialize(list));
    }

    [Fact]
    public async Task A_hosts_own_source_generated_context_writes_and_reads_Kratos_JSON()
    {
        var identity = await SampleAsync<Identity>("identity");
        var link = await SampleAsync<RecoveryLink>("recovery link");

        var identityJson = JsonSerializer.Serialize(identity, HostJsonContext.Default.Identity);
        var linkJson = JsonSerializer.Serialize(link, HostJsonContext.Default.RecoveryLink);

        identityJson.Should().Be(OryIdentityJson.Serialize(identity));
        linkJson.Should().Be(OryIdentityJson.Serialize(link));
        OryIdentityJson.Serialize(JsonSerializer.Deserialize(identityJson, HostJsonContext.Default.Identity)!).Should().Be(identityJson);
        OryIdentityJson.Serialize(JsonSerializer.Deserialize(linkJson, HostJsonContext.Default.RecoveryLink)!).Should().Be(linkJson);
    }

    [Theory]
    [MemberData(nameof(Flavours))]
    public async Task Options_without_the_converter_read_a_create_request_with_credentials_as_OryIdentityJson_reads_it(string flavour)
    {
        var json = OryIdentityJson.Serialize(await SampleAsync<CreateIdentityRequest>("create request"));

        var read = flavour == "no options"
            ? JsonSerializer.Deserialize<CreateIdentityRequest>(json)!
            : JsonSerializer.Deserialize<CreateIdentityRequest>(json, Options(flavour))!;

        json.Should().Contain("\"credentials\":{\"password\":{\"config\":").And.Contain("\"verifiable_addresses\":[{");
        OryIdentityJson.Serialize(read).Should().Be(json);
    }

    [Theory]
    [InlineData("""{"schema_url":"x"}""", "schema_url")]
    [InlineData("""{"credentials":{"pasword":{}}}""", "pasword")]
    [InlineData("""{"credentials":{"password":{"config":{},"foo":1}}}""", "foo")]
    [InlineData("""{"traits":{},"verifiable_addresses":[{"value":"a@b.c","verify":true}]}""", "verify")]
    [InlineData("""{"traits":{},"recovery_addresses":[{"value":"a@b.c","kind":"email"}]}""", "kind")]
    public void Options_without_the_converter_refuse_an_unknown_member_of_a_create_request_as_OryIdentityJson_does(string json, string member)
    {
        var strict = () => OryIdentityJson.Deserialize<CreateIdentityRequest>(json);
        var bare = () => JsonSerializer.Deserialize<CreateIdentityRequest>(json);
        var web = () => JsonSerializer.Deserialize<CreateIdentityRequest>(json, JsonSerializerOptions.Web);

        strict.Should().Throw<InvalidRequestException>().Which.Message.Should().Contain($"unknown field \"{member}\"");
        bare.Should().Throw<JsonException>().Which.Message.Should().Contain($"'{member}'");
        web.Should().Throw<JsonException>().Which.Message.Should().Contain($"'{member}'");
    }

    [Fact]
    public void Exactly_the_types_of_OryIdentityJson_Converter_name_their_converter_in_an_attribute()
    {
        var publicTypes = typeof(Identity).Assembly.GetExportedTypes().Where(t => !t.IsGenericTypeDefinition).ToList();

        var mismatched = publicTypes.Where(t =>
            OryIdentityJson.Converter.CanConvert(t) !=
            (t.GetCustomAttribute<JsonConverterAttribute>()?.ConverterType == typeof(OryIdentityJsonConverter<>).MakeGenericType(t)));

        string.Join(", ", mismatched.Select(t => t.Name)).Should().BeEmpty("Serialization/WireTypeConverters.cs lists the factory's types");
        publicTypes.Count(OryIdentityJson.Converter.CanConvert).Should().Be(33);
    }

    private static JsonSerializerOptions Options(string flavour) => flavour switch
    {
        "default" => new JsonSerializerOptions(),
        _ => JsonSerializerOptions.Web,
    };

    private static async Task<T> SampleAsync<T>(string name) =>
        (T)(await WireTypeSamples.CreateAsync()).First(s => s.Name == name).Value;

    // A host's own context, as an AOT app declares one: it names no Ory.Identity converter.
    [JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
    [JsonSerializable(typeof(Identity))]
    [JsonSerializable(typeof(RecoveryLink))]
    private sealed partial class HostJsonContext : JsonSerializerContext;
}
