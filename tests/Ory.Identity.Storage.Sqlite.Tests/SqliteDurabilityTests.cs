using Microsoft.Data.Sqlite;
using Ory.Identity.Storage.Specification;

namespace Ory.Identity.Storage.Sqlite.Tests;

public sealed class SqliteDurabilityTests : IDisposable
{
    private readonly TempDatabase _database = new();

    public void Dispose() => _database.Delete();

    [Fact]
    public async Task Data_survives_reopening_the_file_with_new_stores()
    {
        var identity = IdentityStoreTestData.NewIdentity(externalId: IdentityStoreTestData.NewExternalId(), organizationId: Guid.NewGuid())
            .WithCredential(CredentialsType.Oidc, "google:123");
        var flow = RecoveryStoreTestData.NewFlow(identity.Id);
        var secret = RecoveryStoreTestData.NewSecret(flow);
        var email = identity.Credentials[CredentialsType.Password].Identifiers[0];
        {
            var identities = new SqliteIdentityStore(_database.Options());
            var recovery = new SqliteRecoveryStore(_database.Options());
            await identities.InsertAsync(identity);
            await recovery.InsertFlowAsync(flow);
            await recovery.InsertSecretAsync(secret);
        }

        using (var connection = new SqliteConnection(new SqliteConnectionStringBuilder(_database.ConnectionString) { Pooling = true }.ToString()))
        {
            SqliteConnection.ClearPool(connection); // Closes every connection: the next store opens the file anew.
        }

        var reopened = new SqliteIdentityStore(_database.Options(migrateOnStart: false));
        var reopenedRecovery = new SqliteRecoveryStore(_database.Options(migrateOnStart: false));
        (await reopened.GetAsync(identity.Id)).Should().NotBeNull();
        (await reopened.FindByCredentialsIdentifierAsync(CredentialsType.Password, email))!.Id.Should().Be(identity.Id);
        (await reopened.FindByCredentialsIdentifierAsync(CredentialsType.Oidc, "google:123"))!.Id.Should().Be(identity.Id);
        (await reopened.FindByAddressAsync(AddressKind.Recovery, AddressVia.Email, email))!.Id.Should().Be(identity.Id);
        (await reopened.GetByExternalIdAsync(identity.ExternalId!))!.Id.Should().Be(identity.Id);
        (await reopened.ListAsync(new IdentityStoreQuery { Limit = 10, OrganizationId = identity.OrganizationId })).Should().ContainSingle();
        (await reopenedRecovery.GetFlowAsync(flow.Id)).Should().Be(flow);
        (await reopenedRecovery.FindSecretAsync(flow.Id, secret.Method, [secret.Hash])).Should().Be(secret);
    }
}
