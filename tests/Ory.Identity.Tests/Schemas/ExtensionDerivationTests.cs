using System.Text.Json;

namespace Ory.Identity.Tests.Schemas;

public class ExtensionDerivationTests
{
    private static TraitsDerivation Derive(string wrappedFile, string traits) =>
        SchemaTestData.Validate(SchemaTestData.FromWrapped(wrappedFile), traits);

    private static IdentityValidationException Fails(string wrappedFile, string traits)
    {
        var registry = SchemaTestData.FromWrapped(wrappedFile);
        var act = () => SchemaTestData.Validate(registry, traits);
        return act.Should().Throw<IdentityValidationException>().Which;
    }

    [Fact]
    public void Credentials_email_derives_every_identifier_and_address_lower_cased_but_keeps_traits_case()
    {
        var d = Derive("stub-extension-credentials-email.schema.json", """{"email":"FOO@ory.sh"}""");
        d.PasswordIdentifiers.Should().Equal("foo@ory.sh");
        d.WebAuthnIdentifiers.Should().Equal("foo@ory.sh");
        d.CodeAddresses.Should().Equal(new DerivedAddress(AddressVia.Email, "foo@ory.sh"));
        d.VerifiableAddresses.Should().Equal(new DerivedAddress(AddressVia.Email, "foo@ory.sh"));
        d.RecoveryAddresses.Should().Equal(new DerivedAddress(AddressVia.Email, "foo@ory.sh"));
        d.HasPasswordIdentifierTraits.Should().BeTrue();
        d.HasWebAuthnIdentifierTraits.Should().BeTrue();
        d.HasCodeIdentifierTraits.Should().BeTrue();
        d.Traits.GetProperty("email").GetString().Should().Be("FOO@ory.sh");
    }

    [Fact]
    public void Credentials_multi_collects_array_items_and_username_deduplicated_in_document_order()
    {
        var d = Derive("stub-extension-credentials-multi.schema.json",
            """{"emails":["FOO@ory.sh","bar@ory.sh","foo@ory.sh"],"username":"Foo🥳🖐️baR"}""");
        d.PasswordIdentifiers.Should().BeEquivalentTo(["foo@ory.sh", "bar@ory.sh", "foo🥳🖐bar"]);
        d.PasswordIdentifiers.Should().OnlyHaveUniqueItems();
        d.WebAuthnIdentifiers.Should().Equal("foo@ory.sh", "bar@ory.sh");
        d.CodeAddresses.Should().BeEmpty();
        d.HasCodeIdentifierTraits.Should().BeFalse();
    }

    [Fact]
    public void Credentials_webauthn_derives_password_and_webauthn_identifiers()
    {
        var d = Derive("stub-extension-credentials-webauthn.schema.json", """{"email":"Foo@Ory.sh"}""");
        d.PasswordIdentifiers.Should().Equal("foo@ory.sh");
        d.WebAuthnIdentifiers.Should().Equal("foo@ory.sh");
    }

    [Fact]
    public void Credentials_code_derives_an_email_code_address()
    {
        var d = Derive("stub-extension-credentials-code.schema.json", """{"email":"Foo@ory.sh"}""");
        d.CodeAddresses.Should().Equal(new DerivedAddress(AddressVia.Email, "foo@ory.sh"));
        d.PasswordIdentifiers.Should().Equal("foo@ory.sh");
    }

    [Fact]
    public void Code_phone_and_email_sorts_the_phone_first_and_rewrites_it_to_e164_in_traits()
    {
        var d = Derive("stub-extension-credentials-code-phone-email.schema.json",
            """{"email":"foo@ory.sh","email2":"FOO@ory.sh","phone":"+49 176 671 11 638"}""");
        d.CodeAddresses.Should().Equal(
            new DerivedAddress(AddressVia.Sms, "+4917667111638"),
            new DerivedAddress(AddressVia.Email, "foo@ory.sh"));
        d.Traits.GetProperty("phone").GetString().Should().Be("+4917667111638");
        d.Traits.GetProperty("email2").GetString().Should().Be("FOO@ory.sh");
        d.PasswordIdentifiers.Should().Equal("foo@ory.sh", "+4917667111638");
    }

    [Fact]
    public void Code_with_no_validate_format_normalizes_gracefully()
    {
        var d = Derive("stub-extension-credentials-code-no-validate.schema.json", """{"email":"Foo@docomo.ne.jp"}""");
        d.CodeAddresses.Should().Equal(new DerivedAddress(AddressVia.Email, "foo@docomo.ne.jp"));
    }

    [Fact]
    public void Code_via_missing_is_a_channel_error()
    {
        var schema = """{"type":"object","properties":{"traits":{"type":"object","properties":{"x":{"type":"string","ory.sh/kratos":{"credentials":{"code":{"identifier":true}}}}}}}}""";
        var registry = SchemaTestData.FromText(schema);
        var act = () => SchemaTestData.Validate(registry, """{"x":"a@b.de"}""");
        act.Should().Throw<IdentityValidationException>().Which.Errors.Should().ContainSingle()
            .Which.Message.Should().Be("channel type \"\" must be one of email, sms");
    }

    [Fact]
    public void A_number_under_the_email_format_is_still_checked_as_an_email_when_derived()
    {
        // "format" applies to strings only, so validation never checked 123; deriving an address from it must.
        var schema = """{"type":"object","properties":{"traits":{"type":"object","properties":{"x":{"type":["string","number"],"format":"email","ory.sh/kratos":{"recovery":{"via":"email"},"verification":{"via":"email"}}}}}}}""";
        var registry = SchemaTestData.FromText(schema);

        var act = () => SchemaTestData.Validate(registry, """{"x":123}""");

        act.Should().Throw<IdentityValidationException>().Which.Errors.Select(e => e.Message).Should().BeEquivalentTo(
            "\"123\" can not be normalized for format \"email\"", "\"123\" is not valid \"email\"");
        SchemaTestData.Validate(registry, """{"x":"Foo@ory.sh"}""").RecoveryAddresses
            .Should().Equal(new DerivedAddress(AddressVia.Email, "foo@ory.sh"));
    }

    [Fact]
    public void Recovery_email_derives_addresses_from_array_and_username()
    {
        var d = Derive("stub-extension-recovery-email.schema.json", """{"emails":["A@ory.sh","b@ory.sh"],"username":"c@ory.sh"}""");
        d.RecoveryAddresses.Should().Equal(
            new DerivedAddress(AddressVia.Email, "a@ory.sh"),
            new DerivedAddress(AddressVia.Email, "b@ory.sh"),
            new DerivedAddress(AddressVia.Email, "c@ory.sh"));
    }

    [Fact]
    public void Recovery_email_without_format_rejects_a_non_email()
    {
        var ex = Fails("stub-extension-recovery-email.schema.json", """{"username":"not-an-email"}""");
        ex.Errors.Should().ContainSingle().Which.Should().Be(new SchemaValidationError(
            "#/traits/username", "#/properties/traits/properties/username/format", "\"not-an-email\" is not valid \"email\""));
        ex.Message.Should().NotContain("not-an-email");
    }

    [Fact]
    public void Recovery_sms_derives_e164_addresses_and_rewrites_traits()
    {
        var d = Derive("stub-extension-recovery-sms.schema.json", """{"telephoneNumber":"+49 176 671 11 638"}""");
        d.RecoveryAddresses.Should().Equal(new DerivedAddress(AddressVia.Sms, "+4917667111638"));
        d.VerifiableAddresses.Should().Equal(new DerivedAddress(AddressVia.Sms, "+4917667111638"));
        d.CodeAddresses.Should().Equal(new DerivedAddress(AddressVia.Sms, "+4917667111638"));
        d.PasswordIdentifiers.Should().Equal("+4917667111638");
        d.Traits.GetProperty("telephoneNumber").GetString().Should().Be("+4917667111638");
    }

    [Fact]
    public void Recovery_no_validate_keeps_pattern_and_normalizes_gracefully()
    {
        var d = Derive("stub-extension-recovery-no-validate.schema.json", """{"email":"Foo@docomo.ne.jp"}""");
        d.RecoveryAddresses.Should().Equal(new DerivedAddress(AddressVia.Email, "foo@docomo.ne.jp"));
    }

    [Fact]
    public void Verify_email_without_format_validates_as_email()
    {
        var d = Derive("stub-extension-verify-email.schema.json", """{"emails":["A@ory.sh"],"username":"b@ory.sh"}""");
        d.VerifiableAddresses.Should().Equal(
            new DerivedAddress(AddressVia.Email, "a@ory.sh"),
            new DerivedAddress(AddressVia.Email, "b@ory.sh"));
        Fails("stub-extension-verify-legacy-email-missing-format.schema.json", """{"email":"nope"}""")
            .Errors.Single().Message.Should().Be("\"nope\" is not valid \"email\"");
    }

    [Fact]
    public void Verify_phone_derives_e164_sms_addresses_for_array_items()
    {
        var d = Derive("stub-extension-verify-phone.schema.json", """{"phones":["+49 176 671 11 638"],"username":"+4917667111639"}""");
        d.VerifiableAddresses.Should().Equal(
            new DerivedAddress(AddressVia.Sms, "+4917667111638"),
            new DerivedAddress(AddressVia.Sms, "+4917667111639"));
        d.Traits.GetProperty("phones")[0].GetString().Should().Be("+4917667111638");
    }

    [Fact]
    public void Verify_sms_without_format_is_an_error()
    {
        Fails("stub-extension-verify-missing-format.schema.json", """{"phone":"+4917667111638"}""")
            .Errors.Single().Message.Should().Be(
                "no format specified. A format is required if verification is enabled. If this was intentional, please set \"format\" to \"no-validate\"");
    }

    [Fact]
    public void Verify_with_other_format_only_trims()
    {
        var schema = """{"type":"object","properties":{"traits":{"type":"object","properties":{"x":{"type":"string","format":"no-validate","ory.sh/kratos":{"verification":{"via":"email"}}}}}}}""";
        var d = SchemaTestData.Validate(SchemaTestData.FromText(schema), """{"x":"  Anything  "}""");
        d.VerifiableAddresses.Should().Equal(new DerivedAddress(AddressVia.Email, "Anything"));
    }

    [Fact]
    public void Extension_behind_internal_ref_and_allOf_is_applied_and_ref_siblings_are_ignored()
    {
        var schema = """
            {"$schema":"http://json-schema.org/draft-07/schema#","definitions":{"addr":{"type":"string","format":"email","ory.sh/kratos":{"recovery":{"via":"email"}}}},
             "type":"object","properties":{"traits":{"type":"object","properties":{
               "a":{"$ref":"#/definitions/addr","ory.sh/kratos":{"credentials":{"password":{"identifier":true}}}},
               "b":{"allOf":[{"type":"string","ory.sh/kratos":{"credentials":{"password":{"identifier":true}}}}]}}}}}
            """;
        var d = SchemaTestData.Validate(SchemaTestData.FromText(schema), """{"a":"A@ory.sh","b":"Bee"}""");
        d.RecoveryAddresses.Should().Equal(new DerivedAddress(AddressVia.Email, "a@ory.sh"));
        d.PasswordIdentifiers.Should().Equal("bee");
    }

    [Fact]
    public void Null_traits_are_validated_as_an_empty_object()
    {
        var registry = SchemaTestData.FromFile("stub-identity.schema.json");
        var d = registry.Validate(registry.Schemas[0], default);
        d.Traits.ValueKind.Should().Be(JsonValueKind.Object);
    }

    [Fact]
    public void Quickstart_phone_password_rewrites_phone_and_derives()
    {
        var registry = SchemaTestData.FromFile("quickstart-all-strategies.schema.json");
        var d = SchemaTestData.Validate(registry, """{"email":"Foo@ory.sh"}""");
        d.PasswordIdentifiers.Should().Contain("foo@ory.sh");
    }
}
