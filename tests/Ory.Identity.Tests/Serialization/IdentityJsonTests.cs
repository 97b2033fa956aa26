using System.Text.Json;
using NodaTime;
using Ory.Identity.Tests.Support;

namespace Ory.Identity.Tests.Serialization;

public sealed class IdentityJsonTests
{
    private static Identity Sample() => new()
    {
        Id = Guid.Parse("0195f0a8-0000-7000-8000-000000000001"),
        SchemaId = "default",
        Traits = TestHost.Json("""{"email":"foo@ory.sh"}"""),
        MetadataAdmin = TestHost.Json("""{"secret":"admin-only"}"""),
        Credentials = new Dictionary<CredentialsType, IdentityCredentials>
        {
            [CredentialsType.Password] = new()
            {
                Type = CredentialsType.Password,
                Identifiers = ["foo@ory.sh"],
                Config = TestHost.Json("""{"hashed_password":"$2a$12$hash"}"""),
                Version = 1,
                CreatedAt = Instant.FromUtc(2026, 1, 2, 3, 4, 5),
                UpdatedAt = Instant.FromUtc(2026, 1, 2, 3, 4, 5),
            },
        },
        CreatedAt = Instant.FromUtc(2026, 1, 2, 3, 4, 5).PlusTicks(1_234_560),
        UpdatedAt = Instant.FromUtc(2026, 1, 2, 3, 4, 5),
    };

    [Fact]
    public void Timestamps_are_rfc3339_utc_with_trimmed_fraction()
    {
        var json = OryIdentityJson.Serialize(Sample());

        json.Should().Contain("\"created_at\":\"2026-01-02T03:04:05.123456Z\"").And.Contain("\"updated_at\":\"2026-01-02T03:04:05Z\"");
    }

    [Fact]
    public void Public_view_has_neither_credentials_nor_admin_metadata()
    {
        var json = OryIdentityJson.Serialize(Sample().ToPublicView());

        json.Should().NotContain("credentials").And.NotContain("metadata_admin").And.NotContain("hashed_password");
        json.Should().Contain("\"metadata_public\":null");
    }

    [Fact]
    public void Admin_view_lists_credentials_without_config_unless_included()
    {
        var without = OryIdentityJson.Serialize(Sample().ToAdminView());
        var with = OryIdentityJson.Serialize(Sample().ToAdminView([CredentialsType.Password]));

        without.Should().Contain("\"identifiers\":[\"foo@ory.sh\"]").And.NotContain("hashed_password").And.Contain("metadata_admin");
        with.Should().Contain("\"hashed_password\":\"$2a$12$hash\"");
    }

    [Fact]
    public void Empty_address_lists_are_omitted()
    {
        var json = OryIdentityJson.Serialize(Sample());

        json.Should().NotContain("verifiable_addresses").And.NotContain("recovery_addresses");
    }

    [Fact]
    public void Identity_round_trips()
    {
        var original = Sample();

        var read = OryIdentityJson.Deserialize<Identity>(OryIdentityJson.Serialize(original));

        OryIdentityJson.Serialize(read).Should().Be(OryIdentityJson.Serialize(original));
    }

    [Fact]
    public void ToString_never_prints_traits_or_secrets()
    {
        var identity = Sample();

        identity.ToString().Should().NotContain("foo@ory.sh").And.NotContain("hash").And.NotContain("admin-only");
        identity.Credentials[CredentialsType.Password].ToString().Should().NotContain("foo@ory.sh").And.NotContain("hash");
    }

    [Fact]
    public void Error_envelope_omits_empty_fields()
    {
        var json = OryIdentityJson.Serialize(new OryErrorEnvelope(new IdentityNotFoundException().Error));

        json.Should().Be("""{"error":{"code":404,"status":"Not Found","message":"Unable to locate the resource"}}""");
    }

    [Fact]
    public void Strings_are_escaped_as_go_does()
    {
        var error = new OryError { Code = 400, Status = "Bad Request", Message = "m", Reason = "\"x\" is not valid \"email\" — ünïcode" };

        OryIdentityJson.Serialize(error).Should().Contain("""\"x\" is not valid \"email\" — ünïcode""");
    }

    [Fact]
    public void Timestamps_with_offsets_are_read()
    {
        var read = JsonSerializer.Deserialize("\"2026-01-02T05:04:05+02:00\"", OryIdentityJson.Options.GetTypeInfo(typeof(Instant)));

        read.Should().Be(Instant.FromUtc(2026, 1, 2, 3, 4, 5));
    }

    [Fact]
    public void Identity_json_without_the_omitted_empty_lists_reads_as_empty_lists()
    {
        var read = OryIdentityJson.Deserialize<Identity>(
            """{"id":"0191e9a0-0000-7000-8000-000000000001","schema_id":"x","traits":{},"created_at":"2026-01-01T00:00:00Z","updated_at":"2026-01-01T00:00:00Z"}""");

        read.Credentials.Should().NotBeNull().And.BeEmpty();
        read.VerifiableAddresses.Should().NotBeNull().And.BeEmpty();
        read.RecoveryAddresses.Should().NotBeNull().And.BeEmpty();
        read.ToAdminView().Credentials.Should().BeEmpty();
    }
}
