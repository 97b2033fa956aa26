namespace Ory.Identity.Tests.Schemas;

public class SchemaFilesLoadTests
{
    public static TheoryData<string> IdentitySchemaFiles() => new(
        Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "TestData", "schemas"))
            .Select(Path.GetFileName)
            .Where(f => !f!.StartsWith("stub-extension-", StringComparison.Ordinal) && f != "stub-localhost-ref.schema.json")
            .Select(f => f!));

    public static TheoryData<string> TraitsLevelFiles() => new(
        Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "TestData", "schemas"))
            .Select(Path.GetFileName)
            .Where(f => f!.StartsWith("stub-extension-", StringComparison.Ordinal) && f != "stub-extension-verify-no-validate.schema.json")
            .Select(f => f!));

    [Theory]
    [MemberData(nameof(IdentitySchemaFiles))]
    public void Every_identity_schema_file_loads(string file)
    {
        var registry = SchemaTestData.FromFile(file);
        registry.Schemas.Should().ContainSingle().Which.Id.Should().Be("default");
    }

    [Theory]
    [MemberData(nameof(TraitsLevelFiles))]
    public void Every_traits_level_extension_schema_loads_when_wrapped(string file)
    {
        var registry = SchemaTestData.FromWrapped(file);
        registry.Schemas.Should().ContainSingle();
    }

    [Fact]
    public void Verify_no_validate_stub_is_refused_because_its_format_is_not_allowed_for_verification()
    {
        var act = () => SchemaTestData.FromWrapped("stub-extension-verify-no-validate.schema.json");
        act.Should().Throw<InvalidOperationException>()
            .WithMessage("Identity schema \"default\" trait \"phone\": verification requires format to be one of email, tel, date, time, date-time, no-validate*");
    }
}
