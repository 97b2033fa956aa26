namespace Ory.Identity.Tests.Schemas;

public class TraitsValidationErrorTests
{
    private const string Schema = """
        {"$schema":"http://json-schema.org/draft-07/schema#","type":"object","properties":{"traits":{"type":"object",
          "required":["email"],"additionalProperties":false,"properties":{
            "email":{"type":"string","format":"email","ory.sh/kratos":{"credentials":{"password":{"identifier":true}}}},
            "phone":{"type":"string","format":"tel"},
            "name":{"type":"string","minLength":3,"maxLength":5},
            "age":{"type":"integer","minimum":1,"maximum":150},
            "code":{"type":"string","pattern":"^[0-9]+$"},
            "color":{"enum":["red","green"]},
            "tags":{"type":"array","minItems":1,"maxItems":2,"items":{"type":"string"}}}}}}
        """;

    private static SchemaValidationError SingleError(string traits, string forbiddenInMessage)
    {
        var registry = SchemaTestData.FromText(Schema);
        var act = () => SchemaTestData.Validate(registry, traits);
        var ex = act.Should().Throw<IdentityValidationException>().Which;
        ex.Message.Should().NotContain(forbiddenInMessage);
        return ex.Errors.Should().ContainSingle().Which;
    }

    [Fact]
    public void Wrong_type_reports_expected_and_actual_json_types()
    {
        SingleError("""{"email":12345}""", "12345").Should().Be(new SchemaValidationError(
            "#/traits/email", "#/properties/traits/properties/email/type", "expected string, but got number"));
    }

    [Fact]
    public void Missing_required_property_is_reported_on_the_parent_object()
    {
        SingleError("""{"name":"Alice"}""", "Alice").Should().Be(new SchemaValidationError(
            "#/traits", "#/properties/traits/required", "missing properties: \"email\""));
    }

    [Fact]
    public void Additional_property_is_named_on_the_parent_object()
    {
        SingleError("""{"email":"a@ory.sh","department":"secret-dept"}""", "secret-dept").Should().Be(new SchemaValidationError(
            "#/traits", "#/properties/traits/additionalProperties", "additionalProperties \"department\" not allowed"));
    }

    [Fact]
    public void Invalid_email_quotes_the_value_only_in_the_error_message()
    {
        SingleError("""{"email":"not-an-email"}""", "not-an-email").Should().Be(new SchemaValidationError(
            "#/traits/email", "#/properties/traits/properties/email/format", "\"not-an-email\" is not valid \"email\""));
    }

    [Fact]
    public void Invalid_tel_is_a_format_error()
    {
        SingleError("""{"email":"a@ory.sh","phone":"0176 12"}""", "0176 12").Should().Be(new SchemaValidationError(
            "#/traits/phone", "#/properties/traits/properties/phone/format", "\"0176 12\" is not valid \"tel\""));
    }

    [Fact]
    public void Too_short_string_reports_rune_length()
    {
        SingleError("""{"email":"a@ory.sh","name":"Al"}""", "\"Al\"").Should().Be(new SchemaValidationError(
            "#/traits/name", "#/properties/traits/properties/name/minLength", "length must be >= 3, but got 2"));
    }

    [Theory]
    [InlineData("""{"email":"a@ory.sh","name":"Alexander"}""", "#/traits/name", "#/properties/traits/properties/name/maxLength", "length must be <= 5, but got 9")]
    [InlineData("""{"email":"a@ory.sh","age":-1}""", "#/traits/age", "#/properties/traits/properties/age/minimum", "must be >= 1 but found -1")]
    [InlineData("""{"email":"a@ory.sh","age":151}""", "#/traits/age", "#/properties/traits/properties/age/maximum", "must be <= 150 but found 151")]
    [InlineData("""{"email":"a@ory.sh","code":"12a"}""", "#/traits/code", "#/properties/traits/properties/code/pattern", "does not match pattern \"^[0-9]+$\"")]
    [InlineData("""{"email":"a@ory.sh","color":"blue"}""", "#/traits/color", "#/properties/traits/properties/color/enum", "value must be one of \"red\", \"green\"")]
    [InlineData("""{"email":"a@ory.sh","tags":[]}""", "#/traits/tags", "#/properties/traits/properties/tags/minItems", "minimum 1 items allowed, but found 0 items")]
    [InlineData("""{"email":"a@ory.sh","tags":["a","b","c"]}""", "#/traits/tags", "#/properties/traits/properties/tags/maxItems", "maximum 2 items allowed, but found 3 items")]
    [InlineData("""{"email":"a@ory.sh","tags":[1]}""", "#/traits/tags/0", "#/properties/traits/properties/tags/items/type", "expected string, but got number")]
    public void Other_keywords_use_kratos_texts(string traits, string instance, string schema, string message)
    {
        var registry = SchemaTestData.FromText(Schema);
        var act = () => SchemaTestData.Validate(registry, traits);
        act.Should().Throw<IdentityValidationException>().Which.Errors.Should().ContainSingle()
            .Which.Should().Be(new SchemaValidationError(instance, schema, message));
    }

    [Fact]
    public void Several_violations_are_listed_under_validation_failed_in_the_reason()
    {
        var registry = SchemaTestData.FromText(Schema);
        var act = () => SchemaTestData.Validate(registry, """{"email":1,"age":0}""");
        var ex = act.Should().Throw<IdentityValidationException>().Which;
        ex.Errors.Should().HaveCount(2);
        ex.Error.Reason.Should().StartWith("I[#] S[#] validation failed\n  I[#/traits/");
    }

    [Fact]
    public void Errors_inside_a_referenced_definition_point_at_the_definition()
    {
        var schema = """
            {"$schema":"http://json-schema.org/draft-07/schema#","definitions":{"addr":{"type":"string","format":"email"}},
             "type":"object","properties":{"traits":{"type":"object","properties":{"a":{"$ref":"#/definitions/addr"}}}}}
            """;
        var registry = SchemaTestData.FromText(schema);
        var act = () => SchemaTestData.Validate(registry, """{"a":"nope"}""");
        act.Should().Throw<IdentityValidationException>().Which.Errors.Should().ContainSingle()
            .Which.Should().Be(new SchemaValidationError("#/traits/a", "#/definitions/addr/format", "\"nope\" is not valid \"email\""));
    }

    [Fact]
    public void Sms_normalization_failure_in_recovery_is_reported()
    {
        var schema = """{"type":"object","properties":{"traits":{"type":"object","properties":{"p":{"type":"string","format":"no-validate","ory.sh/kratos":{"recovery":{"via":"sms"}}}}}}}""";
        var registry = SchemaTestData.FromText(schema);
        var act = () => SchemaTestData.Validate(registry, """{"p":"12"}""");
        act.Should().Throw<IdentityValidationException>().Which.Errors.Single().Message.Should().Be("\"12\" is not valid \"tel\" for \"sms\"");
    }
}
