using NodaTime;
using Ory.Identity.Tests.Recovery;
using Ory.Identity.Tests.Support;

namespace Ory.Identity.Tests.Serialization;

/// <summary>One value of each of the main public wire types, as the SDK creates them.</summary>
internal static class WireTypeSamples
{
    // Kratos's shapes with the parts that differ between serializers: snake_case names, Instants, nulls, omitted empty
    // lists, non-ASCII and quote characters (escaped differently by default encoders).
    public static async Task<List<(string Name, object Value, Type Type)>> CreateAsync()
    {
        using var host = RecoveryTestHost.Create();
        var identity = await host.Manager.CreateAsync(new CreateIdentityRequest
        {
            Traits = TestHost.Json("""{"email":"jürgen.o'neil@ory.sh"}"""),
            MetadataPublic = TestHost.Json("""{"note":"<b>Grüße</b> & \"quotes\""}"""),
        });
        var link = await host.Issuer().CreateRecoveryLinkAsync(identity.Id, Duration.FromHours(1));
        var code = await host.Issuer().CreateRecoveryCodeAsync(identity.Id, Duration.FromHours(1));
        var session = (await host.Get<ISessionManager>().IssueAsync(identity.Id, "password")).Session;
        var create = CreateRequest();
        var error = new OryError { Code = 409, Status = "Conflict", Message = "An identity with the same identifier already exists: «ü»." };
        return
        [
            ("identity", identity, typeof(Identity)),
            ("verifiable address", identity.VerifiableAddresses[0], typeof(VerifiableAddress)),
            ("recovery address", identity.RecoveryAddresses[0], typeof(RecoveryAddress)),
            ("recovery link", link, typeof(RecoveryLink)),
            ("recovery code", code, typeof(RecoveryCode)),
            ("session", session, typeof(Session)),
            ("error", error, typeof(OryError)),
            ("create request", create, typeof(CreateIdentityRequest)),
            ("credentials import", create.Credentials!, typeof(IdentityCredentialsImport)),
            ("credentials import part", create.Credentials!.Password!, typeof(CredentialsImportPart)),
            ("verifiable address import", create.VerifiableAddresses![0], typeof(VerifiableAddressImport)),
            ("recovery address import", create.RecoveryAddresses![0], typeof(RecoveryAddressImport)),
        ];
    }

    // A create body with credentials and each import part: raw JSON configs, Instants, enums and nulls left out.
    private static CreateIdentityRequest CreateRequest() => new()
    {
        SchemaId = "default",
        Traits = TestHost.Json("""{"email":"jürgen.o'neil@ory.sh"}"""),
        Credentials = new IdentityCredentialsImport
        {
            Password = new CredentialsImportPart { Config = TestHost.Json("""{"hashed_password":"$2a$10$<ü>&\"q\""}""") },
            Oidc = new CredentialsImportPart { Config = TestHost.Json("""{"providers":[{"provider":"github","subject":"123"}]}""") },
        },
        VerifiableAddresses =
        [
            new VerifiableAddressImport
            {
                Value = "jürgen.o'neil@ory.sh", Verified = true, Via = AddressVia.Email,
                Status = VerifiableAddressStatus.Completed, VerifiedAt = Instant.FromUtc(2026, 12, 8, 3, 20, 1).PlusNanoseconds(120_000),
            },
        ],
        RecoveryAddresses = [new RecoveryAddressImport { Value = "jürgen.o'neil@ory.sh", Via = AddressVia.Email }],
        MetadataAdmin = TestHost.Json("""{"note":"<b>Grüße</b>"}"""),
        State = IdentityState.Active,
    };
}
