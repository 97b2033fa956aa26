using System.Diagnostics;
using Ory.Identity.Storage.Specification;
using Xunit.Abstractions;

namespace Ory.Identity.Storage.PostgreSql.Tests;

/// <summary>Batch import at scale: every item decided on its own, in one transaction per batch. Prints the rate; asserts no time.</summary>
public sealed class PostgreSqlBulkImportTests(PostgresDatabase database, ITestOutputHelper output) : IClassFixture<PostgresDatabase>
{
    [PostgresFact]
    public async Task InsertMany_of_20000_identities_in_batches_of_1000_writes_every_item_and_refuses_only_the_clashes()
    {
        const int batches = 20, size = 1000;
        await using var dataSource = await database.CreateMigratedSchemaAsync();
        var store = new PostgreSqlIdentityStore(dataSource);
        var all = Enumerable.Range(0, batches * size)
            .Select(_ => IdentityStoreTestData.NewIdentity(externalId: IdentityStoreTestData.NewExternalId()))
            .ToList();

        // Warm-up batch (JIT, connection), then the timed ones; every 100th item of a timed batch reuses an earlier email.
        (await store.InsertManyAsync(all.Take(size).ToList())).Should().OnlyContain(r => r == null);
        var clashes = 0;
        var stopwatch = Stopwatch.StartNew();
        for (var b = 1; b < batches; b++)
        {
            var batch = all.Skip(b * size).Take(size).Select((identity, i) =>
            {
                if (i % 100 != 0)
                {
                    return identity;
                }

                clashes++;
                return identity.WithCredential(CredentialsType.Password, all[i].Credentials[CredentialsType.Password].Identifiers[0]);
            }).ToList();

            var results = await store.InsertManyAsync(batch);

            results.Count(r => r is not null).Should().Be(size / 100);
            results.Where(r => r is not null).Should().OnlyContain(r => r!.Kind == IdentityConflictKind.CredentialsIdentifier);
        }

        stopwatch.Stop();
        var written = ((batches - 1) * size) - clashes;
        output.WriteLine($"{written} identities in {stopwatch.Elapsed.TotalMilliseconds:F0} ms: {written / stopwatch.Elapsed.TotalSeconds:F0} identities/s (batches of {size}, {clashes} refused)");
        (await store.CountAsync()).Should().Be(size + written);
        var sample = all[(batches * size) - 1];
        (await store.FindByCredentialsIdentifierAsync(CredentialsType.Password, sample.Credentials[CredentialsType.Password].Identifiers[0]))!.Id.Should().Be(sample.Id);
    }
}
