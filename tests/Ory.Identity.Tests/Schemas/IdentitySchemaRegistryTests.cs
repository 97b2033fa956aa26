namespace Ory.Identity.Tests.Schemas;

public class IdentitySchemaRegistryTests
{
    private const string Minimal = """{"type":"object","properties":{"traits":{"type":"object","properties":{"email":{"type":"string"}}}}}""";

    private static void Refused(string json, string containing, string id = "default")
    {
        var act = () => SchemaTestData.Registry((id, json));
        act.Should().Throw<InvalidOperationException>().Which.Message.Should().Contain($"\"{id}\"").And.Contain(containing);
    }

    [Fact]
    public void Finds_by_id_and_by_base64url_id()
    {
        var registry = SchemaTestData.Registry(("employee", Minimal), ("customer", Minimal));
        registry.Find("employee")!.Id.Should().Be("employee");
        registry.Find("ZW1wbG95ZWU")!.Id.Should().Be("employee");
        registry.Find("employee")!.EncodedId.Should().Be("ZW1wbG95ZWU");
        registry.Find("nope").Should().BeNull();
        registry.DefaultSchemaId.Should().Be("employee");
        registry.Schemas.Select(s => s.Id).Should().Equal("employee", "customer");
    }

    [Fact]
    public void Loads_file_base64_and_inline_sources()
    {
        var registry = SchemaTestData.Registry(
            ("file", "file://" + SchemaTestData.PathOf("stub-identity.schema.json")),
            ("b64", "base64://" + SchemaTestData.Base64(Minimal)),
            ("inline", Minimal));
        registry.Schemas.Should().HaveCount(3);
        registry.Find("inline")!.Url.Should().Be("inline");
        registry.Find("b64")!.Document.GetProperty("type").GetString().Should().Be("object");
    }

    [Fact]
    public void Relative_file_paths_resolve_against_the_current_directory()
    {
        var relative = Path.GetRelativePath(Environment.CurrentDirectory, SchemaTestData.PathOf("stub-identity.schema.json"));
        SchemaTestData.Registry(("default", "file://" + relative)).Schemas.Should().ContainSingle();
    }

    [Fact]
    public void Base64_refs_are_followed()
    {
        var addr = SchemaTestData.Base64("""{"type":"string","format":"email","ory.sh/kratos":{"recovery":{"via":"email"}}}""");
        var schema = "{\"type\":\"object\",\"properties\":{\"traits\":{\"type\":\"object\",\"properties\":{\"a\":{\"$ref\":\"base64://" + addr + "\"}}}}}";
        var registry = SchemaTestData.FromText(schema);
        SchemaTestData.Validate(registry, """{"a":"A@ory.sh"}""").RecoveryAddresses.Should()
            .Equal(new DerivedAddress(AddressVia.Email, "a@ory.sh"));
        var act = () => SchemaTestData.Validate(registry, """{"a":"nope"}""");
        act.Should().Throw<IdentityValidationException>();
    }

    [Fact]
    public void Localhost_ref_is_refused_at_start_without_fetching()
    {
        var act = () => SchemaTestData.FromFile("stub-localhost-ref.schema.json");
        act.Should().Throw<InvalidOperationException>().Which.Message.Should()
            .Contain("\"default\"").And.Contain("network $refs are not followed");
    }

    [Fact]
    public void Schema_without_traits_is_refused() =>
        Refused("""{"type":"object","properties":{"name":{"type":"string"}}}""", "must have properties.traits");

    [Fact]
    public void Traits_without_properties_is_refused() =>
        Refused("""{"type":"object","properties":{"traits":{"type":"object","properties":{}}}}""", "traits must have at least one property");

    [Fact]
    public void Verification_without_allowed_format_is_refused() =>
        Refused("""{"properties":{"traits":{"type":"object","properties":{"e":{"type":"string","format":"uri","ory.sh/kratos":{"verification":{"via":"email"}}}}}}}""",
            "verification requires format");

    [Fact]
    public void Unknown_extension_key_is_refused() =>
        Refused("""{"properties":{"traits":{"type":"object","properties":{"e":{"type":"string","ory.sh/kratos":{"credentials":{"password":{"identifier":true,"bogus":1}}}}}}}}""",
            "unknown key \"bogus\" in the ory.sh/kratos extension");

    [Fact]
    public void Broken_pattern_is_refused() =>
        Refused("""{"properties":{"traits":{"type":"object","properties":{"e":{"type":"string","pattern":"(["}}}}}""", "does not compile");

    [Theory]
    [InlineData("{not json", "is not valid JSON")]
    [InlineData("base64://!!!", "not valid standard base64")]
    [InlineData("file:///does/not/exist.json", "could not be read")]
    [InlineData("https://example.com/x.json", "never fetched")]
    public void Bad_sources_are_refused(string url, string containing) => Refused(url, containing);

    [Fact]
    public void Oversized_body_is_refused() =>
        Refused("{\"description\":\"" + new string('x', (1024 * 1024) + 1) + "\",\"properties\":{}}", "larger than");

    [Fact]
    public void Configuration_errors_are_refused()
    {
        var none = () => IdentitySchemaRegistry.Create(new OryIdentityOptions());
        none.Should().Throw<InvalidOperationException>().WithMessage("No identity schemas*");

        var dup = () => SchemaTestData.Registry(("a", Minimal), ("a", Minimal));
        dup.Should().Throw<InvalidOperationException>().WithMessage("*\"a\" is configured more than once*");

        var empty = () => SchemaTestData.Registry(("", Minimal));
        empty.Should().Throw<InvalidOperationException>().WithMessage("*empty id*");

        var options = new OryIdentityOptions();
        options.Identity.Schemas.Add(new IdentitySchemaOptions { Id = "a", Url = Minimal });
        var missingDefault = () => IdentitySchemaRegistry.Create(options);
        missingDefault.Should().Throw<InvalidOperationException>().WithMessage("*default_schema_id \"default\"*");
    }
}
