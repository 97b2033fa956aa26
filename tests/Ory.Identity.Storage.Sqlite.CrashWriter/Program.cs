// Usage: CrashWriter <connection string> <batch size>
// Imports batches of new identities (InsertManyAsync, one transaction each) and, every third batch, replaces the
// credentials and addresses of an identity it stored (UpdateAsync), forever. After each commit it prints
// "committed <identities stored>" so that the test knows what must survive when it kills this process.
using System.Globalization;
using Ory.Identity;
using Ory.Identity.Storage.Specification;
using Ory.Identity.Storage.Sqlite;

var connectionString = args[0];
var batchSize = int.Parse(args[1], CultureInfo.InvariantCulture);
var store = new SqliteIdentityStore(new SqliteStorageOptions { ConnectionString = connectionString });
var stored = new List<Guid>();
var organization = Guid.NewGuid();
for (var batch = 0; ; batch++)
{
    var identities = Enumerable.Range(0, batchSize)
        .Select(i => IdentityStoreTestData.NewIdentity(
                externalId: IdentityStoreTestData.NewExternalId(),
                organizationId: i % 2 == 0 ? organization : null)
            .WithCredential(CredentialsType.Oidc, $"google:{Guid.NewGuid():N}"))
        .ToList();
    var results = await store.InsertManyAsync(identities);
    if (results.Any(r => r is not null))
    {
        Console.Error.WriteLine("unexpected conflict");
        return 1;
    }

    stored.AddRange(identities.Select(i => i.Id));
    if (batch % 3 == 2)
    {
        var target = stored[batch % stored.Count];
        var email = IdentityStoreTestData.NewEmail();
        await store.UpdateAsync(target, current => IdentityStoreTestData.NewIdentity(email, current.ExternalId, current.Id, current.OrganizationId));
    }

    Console.Out.WriteLine($"committed {stored.Count}");
    Console.Out.Flush();
}
