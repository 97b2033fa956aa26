using System.Text.Json;
using NodaTime;

namespace Ory.Identity.Tests.Credentials;

/// <summary>The manager's compact credentials map: dictionary behaviour, insertion order, and the config-free views built from it.</summary>
public sealed class CredentialsMapTests
{
    private static readonly JsonElement Config = JsonDocument.Parse("""{"hashed_password":"$2a$04$secret"}""").RootElement.Clone();

    private static IdentityCredentials Credential(CredentialsType type, JsonElement? config = null) => new()
    {
        Type = type,
        Identifiers = ["foo@ory.sh"],
        Config = config,
        Version = 1,
        CreatedAt = Instant.FromUnixTimeSeconds(1),
        UpdatedAt = Instant.FromUnixTimeSeconds(1),
    };

    [Fact]
    public void Behaves_as_a_dictionary_in_insertion_order_and_replaces_in_place()
    {
        var builder = new CredentialsMap.Builder(1);
        builder.Set(CredentialsType.Code, Credential(CredentialsType.Code));
        builder.Set(CredentialsType.Password, Credential(CredentialsType.Password));
        var replacement = Credential(CredentialsType.Code, Config);
        builder.Set(CredentialsType.Code, replacement);
        var map = builder.ToMap();

        map.Count.Should().Be(2);
        map.Keys.Should().Equal(CredentialsType.Code, CredentialsType.Password);
        map.Select(item => item.Key).Should().Equal(CredentialsType.Code, CredentialsType.Password);
        map.Values.Should().HaveCount(2).And.Contain(replacement);
        map[CredentialsType.Code].Should().BeSameAs(replacement);
        map.ContainsKey(CredentialsType.Password).Should().BeTrue();
        map.TryGetValue(CredentialsType.Totp, out var missing).Should().BeFalse();
        missing.Should().BeNull();
        var read = () => map[CredentialsType.Totp];
        read.Should().Throw<KeyNotFoundException>().WithMessage("*totp*");
    }

    [Fact]
    public void An_empty_builder_gives_the_shared_empty_credentials()
    {
        new CredentialsMap.Builder(0).ToMap().Should().BeSameAs(Identity.EmptyCredentials);
    }

    [Fact]
    public void Builder_from_a_dictionary_keeps_its_entries_and_order()
    {
        var source = new Dictionary<CredentialsType, IdentityCredentials>
        {
            [CredentialsType.Totp] = Credential(CredentialsType.Totp),
            [CredentialsType.Password] = Credential(CredentialsType.Password),
        };

        var builder = CredentialsMap.Builder.From(source, extra: 1);
        builder.Set(CredentialsType.WebAuthn, Credential(CredentialsType.WebAuthn));

        builder.ToMap().Keys.Should().Equal(CredentialsType.Totp, CredentialsType.Password, CredentialsType.WebAuthn);
    }

    [Fact]
    public void Config_free_view_strips_configs_except_included_types_and_never_api_keys()
    {
        var builder = new CredentialsMap.Builder(3);
        builder.Set(CredentialsType.Password, Credential(CredentialsType.Password, Config));
        builder.Set(CredentialsType.ApiKey, Credential(CredentialsType.ApiKey, Config));
        builder.Set(CredentialsType.Totp, Credential(CredentialsType.Totp));
        var map = builder.ToMap();

        var view = CredentialsMap.WithoutConfig(map, [CredentialsType.Password, CredentialsType.ApiKey]);

        view[CredentialsType.Password].Config.Should().NotBeNull();
        view[CredentialsType.ApiKey].Config.Should().BeNull();
        view[CredentialsType.Totp].Should().BeSameAs(map[CredentialsType.Totp]);
        map[CredentialsType.ApiKey].Config.Should().NotBeNull("the source is not changed");
        CredentialsMap.WithoutConfig(view, null).Values.Should().OnlyContain(c => c.Config == null);
    }

    [Fact]
    public void Config_free_view_of_credentials_without_config_is_the_same_instance()
    {
        var builder = new CredentialsMap.Builder(1);
        builder.Set(CredentialsType.Totp, Credential(CredentialsType.Totp));
        var map = builder.ToMap();

        CredentialsMap.WithoutConfig(map, null).Should().BeSameAs(map);
    }

    [Fact]
    public void Config_free_view_that_changes_nothing_allocates_nothing()
    {
        var builder = new CredentialsMap.Builder(2);
        builder.Set(CredentialsType.Password, Credential(CredentialsType.Password));
        builder.Set(CredentialsType.Totp, Credential(CredentialsType.Totp, Config));
        var map = builder.ToMap();
        CredentialsType[] included = [CredentialsType.Totp];
        CredentialsMap.WithoutConfig(map, included);

        var before = GC.GetAllocatedBytesForCurrentThread();
        var view = CredentialsMap.WithoutConfig(map, included);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        view.Should().BeSameAs(map, "the password has no config to remove and the included totp config is shown as it is");
        allocated.Should().Be(0);
    }

    [Fact]
    public void Config_free_view_of_any_dictionary_is_the_same_instance_only_when_nothing_changes()
    {
        var plain = new Dictionary<CredentialsType, IdentityCredentials> { [CredentialsType.Password] = Credential(CredentialsType.Password) };
        CredentialsMap.WithoutConfig(plain, null).Should().BeSameAs(plain);

        var shown = CredentialsMap.WithoutConfig(plain, [CredentialsType.Password]);
        shown.Should().NotBeSameAs(plain);
        shown[CredentialsType.Password].Config!.Value.GetRawText().Should().Be("{}", "a missing config of an included type shows as Kratos's empty one");
        plain[CredentialsType.Password].Config.Should().BeNull("the source is not changed");
    }

    [Fact]
    public void Identity_json_writes_a_map_like_a_dictionary()
    {
        var builder = new CredentialsMap.Builder(2);
        builder.Set(CredentialsType.Password, Credential(CredentialsType.Password, Config));
        builder.Set(CredentialsType.Totp, Credential(CredentialsType.Totp));
        var identity = new Identity
        {
            Id = Guid.Parse("0195f0a8-0000-7000-8000-000000000001"),
            SchemaId = "default",
            Traits = JsonDocument.Parse("{}").RootElement.Clone(),
            Credentials = builder.ToMap(),
            CreatedAt = Instant.FromUnixTimeSeconds(1),
            UpdatedAt = Instant.FromUnixTimeSeconds(1),
        };
        var dictionary = identity with { Credentials = new Dictionary<CredentialsType, IdentityCredentials>(identity.Credentials) };

        var json = OryIdentityJson.Serialize(identity);

        json.Should().Be(OryIdentityJson.Serialize(dictionary));
        json.Should().Contain("\"credentials\":{\"password\":");
        OryIdentityJson.Serialize(identity.ToAdminView()).Should().NotContain("hashed_password");
    }
}
