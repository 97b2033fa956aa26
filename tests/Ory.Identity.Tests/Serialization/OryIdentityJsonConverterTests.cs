using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Text.Json.Serialization;

namespace Ory.Identity.Tests.Serialization;

public sealed class OryIdentityJsonConverterTests
{
    public static TheoryData<string> Flavours => ["default", "web", "web-indented"];

    [Theory]
    [MemberData(nameof(Flavours))]
    public async Task Options_holding_the_converter_write_every_sample_byte_for_byte_as_OryIdentityJson(string flavour)
    {
        var options = Options(flavour);
        foreach (var (name, value, type) in await WireTypeSamples.CreateAsync())
        {
            var expected = (byte[])typeof(OryIdentityJson).GetMethod(nameof(OryIdentityJson.SerializeToUtf8Bytes))!.MakeGenericMethod(type).Invoke(null, [value])!;

            var written = JsonSerializer.SerializeToUtf8Bytes(value, type, options);

            Encoding.UTF8.GetString(written).Should().Be(Encoding.UTF8.GetString(expected), $"{name} under {flavour}");
        }
    }

    [Theory]
    [InlineData("default")]
    [InlineData("web")]
    public async Task A_list_of_identities_is_written_as_OryIdentityJson_writes_the_list(string flavour)
    {
        var identity = (Identity)(await WireTypeSamples.CreateAsync()).First(s => s.Name == "identity").Value;
        IReadOnlyList<Identity> list = [identity, identity];

        var written = JsonSerializer.Serialize(list, Options(flavour));

        written.Should().Be(OryIdentityJson.Serialize(list));
    }

    [Theory]
    [MemberData(nameof(Flavours))]
    public async Task Options_holding_the_converter_read_what_they_wrote(string flavour)
    {
        var identity = (Identity)(await WireTypeSamples.CreateAsync()).First(s => s.Name == "identity").Value;
        var options = Options(flavour);

        var read = JsonSerializer.Deserialize<Identity>(JsonSerializer.Serialize(identity, options), options)!;

        OryIdentityJson.Serialize(read).Should().Be(OryIdentityJson.Serialize(identity));
    }

    [Fact]
    public void Every_public_wire_type_of_the_source_generated_context_is_converted()
    {
        var wireTypes = typeof(Identity).Assembly.GetExportedTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false } && !typeof(Exception).IsAssignableFrom(t) && !t.IsGenericTypeDefinition)
            .Where(t => OryIdentityJson.Options.TryGetTypeInfo(t, out var info) && info.Kind == JsonTypeInfoKind.Object)
            .Where(t => t.Namespace == "Ory.Identity")
            .ToList();

        wireTypes.Should().Contain([typeof(Identity), typeof(RecoveryLink), typeof(RecoveryCode), typeof(Session), typeof(ApiKey), typeof(OryError)]);
        string.Join(", ", wireTypes.Where(t => !OryIdentityJson.Converter.CanConvert(t)).Select(t => t.Name)).Should().BeEmpty("each needs its converter");
    }

    [Fact]
    public void The_create_request_and_its_import_parts_refuse_unknown_members_through_the_generated_metadata()
    {
        Type[] strict = [typeof(CreateIdentityRequest), typeof(IdentityCredentialsImport), typeof(CredentialsImportPart), typeof(VerifiableAddressImport), typeof(RecoveryAddressImport)];

        strict.Select(t => OryIdentityJson.Options.GetTypeInfo(t).UnmappedMemberHandling).Should().AllBeEquivalentTo(JsonUnmappedMemberHandling.Disallow);
        strict.Where(t => t.GetCustomAttributes(typeof(JsonUnmappedMemberHandlingAttribute), false).Length > 0).Should().BeEmpty(
            "System.Text.Json refuses the attribute beside a custom converter; it is compiled only into the metadata generator");
        strict.Should().OnlyContain(t => OryIdentityJson.Converter.CanConvert(t));
    }

    private static JsonSerializerOptions Options(string flavour)
    {
        var options = flavour switch
        {
            "default" => new JsonSerializerOptions(),
            "web" => new JsonSerializerOptions(JsonSerializerOptions.Web),
            _ => new JsonSerializerOptions(JsonSerializerOptions.Web) { WriteIndented = true },
        };
        options.Converters.Add(OryIdentityJson.Converter);
        return options;
    }
}
