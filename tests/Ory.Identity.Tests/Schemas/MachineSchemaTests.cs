using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Ory.Identity.Tests.Support;

namespace Ory.Identity.Tests.Schemas;

public sealed class MachineSchemaTests
{
    private static IdentitySchemaRegistry Machine(string url) => IdentitySchemaRegistry.Create(new OryIdentityOptions
    {
        Identity = new IdentitySectionOptions { DefaultSchemaId = "service", Schemas = [new IdentitySchemaOptions { Id = "service", Url = url, Kind = IdentitySchemaKind.Machine }] },
    });

    private static string TraitsSchema(string property) =>
        "{\"type\":\"object\",\"properties\":{\"traits\":{\"type\":\"object\",\"properties\":{\"x\":" + property + "}}}}";

    [Fact]
    public void A_machine_schema_without_marks_loads_as_a_machine_schema()
    {
        var registry = Machine(TestHost.SchemaUrl("service-account"));

        registry.Find("service")!.Kind.Should().Be(IdentitySchemaKind.Machine);
        SchemaTestData.FromFile("quickstart-email-password.schema.json").Find("default")!.Kind.Should().Be(IdentitySchemaKind.Person);
    }

    [Theory]
    [InlineData("""{"type":"string","ory.sh/kratos":{"credentials":{"password":{"identifier":true}}}}""", "a password identifier (credentials.password.identifier)")]
    [InlineData("""{"type":"string","ory.sh/kratos":{"credentials":{"webauthn":{"identifier":true}}}}""", "a webauthn identifier (credentials.webauthn.identifier)")]
    [InlineData("""{"type":"string","format":"email","ory.sh/kratos":{"credentials":{"code":{"identifier":true,"via":"email"}}}}""", "a code identifier (credentials.code.identifier)")]
    [InlineData("""{"type":"string","format":"email","ory.sh/kratos":{"recovery":{"via":"email"}}}""", "a recovery address (recovery.via)")]
    [InlineData("""{"type":"string","format":"email","ory.sh/kratos":{"verification":{"via":"email"}}}""", "a verification address (verification.via)")]
    public void A_machine_schema_with_sign_in_recovery_or_verification_marks_is_refused_at_start(string property, string mark)
    {
        var load = () => Machine(TraitsSchema(property));

        load.Should().Throw<InvalidOperationException>().Which.Message.Should().Be(
            "Identity schema \"service\" is a machine schema (kind: machine) but its \"ory.sh/kratos\" extension marks "
            + $"#/properties/traits/properties/x as {mark}. Machine identities authenticate with API keys only: they have no "
            + "passwords, webauthn or code sign-in, recovery or verification. Remove the mark or register the schema as kind person.");
    }

    [Fact]
    public void The_quickstart_schema_registered_as_machine_fails_options_validation()
    {
        var services = new ServiceCollection();
        services.AddOryIdentity().AddMachineSchema("default", TestHost.SchemaUrl("quickstart-email-password")).UseInMemoryStorage();
        using var provider = services.BuildServiceProvider();

        var resolve = () => provider.GetRequiredService<IOptions<OryIdentityOptions>>().Value;

        resolve.Should().Throw<OptionsValidationException>().Which.Message.Should()
            .Contain("is a machine schema (kind: machine)").And.Contain("a password identifier");
    }

    [Fact]
    public void Kind_binds_from_configuration()
    {
        var json = $$"""
        {
          "identity": {
            "default_schema_id": "person",
            "schemas": [
              { "id": "person", "url": "{{TestHost.SchemaUrl("quickstart-email-password")}}" },
              { "id": "service", "url": "{{TestHost.SchemaUrl("service-account")}}", "kind": "machine" }
            ]
          }
        }
        """;
        var configuration = new ConfigurationBuilder().AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(json))).Build();
        var services = new ServiceCollection();
        services.AddOryIdentity(configuration).UseInMemoryStorage();
        using var provider = services.BuildServiceProvider();

        var registry = provider.GetRequiredService<IdentitySchemaRegistry>();

        registry.Find("person")!.Kind.Should().Be(IdentitySchemaKind.Person);
        registry.Find("service")!.Kind.Should().Be(IdentitySchemaKind.Machine);
    }

    [Fact]
    public void An_unknown_kind_is_refused()
    {
        var load = () => IdentitySchemaRegistry.Create(new OryIdentityOptions
        {
            Identity = new IdentitySectionOptions { Schemas = [new IdentitySchemaOptions { Id = "default", Url = TestHost.SchemaUrl("service-account"), Kind = (IdentitySchemaKind)7 }] },
        });

        load.Should().Throw<InvalidOperationException>().Which.Message.Should().Be("Identity schema \"default\" has an unknown kind (7); use person or machine.");
    }
}
