using System.Collections.Concurrent;
using System.Text.Json;

namespace Ory.Identity.Storage.Specification;

public abstract partial class IdentityStoreSpecification
{
    /// <summary>
    /// 16 writers insert 800 identities over 100 emails: exactly one identity per email survives, every refusal is a
    /// conflict, and inserted plus refused equals attempted.
    /// </summary>
    [ConformanceCase]
    public async Task Parallel_inserts_with_overlapping_identifiers_keep_exactly_one_owner_per_identifier()
    {
        const int writers = 16, perWriter = 50, distinct = 100;
        var emails = Enumerable.Range(0, distinct).Select(_ => IdentityStoreTestData.NewEmail()).ToArray();
        var inserted = new ConcurrentBag<Identity>();
        var failures = new ConcurrentBag<Exception>();

        await RunInParallelAsync(writers, async writer =>
        {
            for (var i = 0; i < perWriter; i++)
            {
                var identity = IdentityStoreTestData.NewIdentity(emails[((writer * perWriter) + (i * 7)) % distinct]);
                try
                {
                    await Store.InsertAsync(identity, Ct);
                    inserted.Add(identity);
                }
#pragma warning disable CA1031 // Every failure is collected and asserted on.
                catch (Exception e)
#pragma warning restore CA1031
                {
                    failures.Add(e);
                }
            }
        });

        failures.Should().AllBeOfType<IdentityConflictException>();
        (inserted.Count + failures.Count).Should().Be(writers * perWriter);
        inserted.Should().HaveCount(distinct);
        (await Store.CountAsync(Ct)).Should().Be(distinct);
        foreach (var winner in inserted)
        {
            await ShouldStillOwnItsValuesAsync(winner);
        }
    }

    /// <summary>32 concurrent updates of one identity, each appending an element to its metadata, lose no write.</summary>
    [ConformanceCase]
    public async Task Parallel_updates_of_one_identity_lose_no_write()
    {
        const int writers = 32;
        var identity = await InsertNewAsync();

        await RunInParallelAsync(writers, async writer =>
            await Store.UpdateAsync(identity.Id, current =>
            {
                var appended = Append(current.MetadataAdmin, $"w{writer}");
                Thread.Sleep(1); // Widens the read-modify-write window so that a lost update would show.
                return current with { MetadataAdmin = appended };
            }, Ct));

        var stored = await Store.GetAsync(identity.Id, Ct);
        var elements = stored!.MetadataAdmin!.Value.EnumerateArray().Select(e => e.GetString()).ToList();
        elements.Should().BeEquivalentTo(Enumerable.Range(0, writers).Select(i => $"w{i}"));
    }

    /// <summary>
    /// An update whose delegate read a state that another update replaced before it committed does not overwrite that
    /// update: its delegate runs again on the newer state (or the store serializes the two).
    /// </summary>
    [ConformanceCase]
    public async Task Update_racing_a_faster_update_does_not_overwrite_it()
    {
        var identity = await InsertNewAsync();
        using var slowHasRead = new SemaphoreSlim(0);
        using var fastHasCommitted = new SemaphoreSlim(0);
        var slowCalls = 0;

        var slow = Task.Run(async () => await Store.UpdateAsync(identity.Id, current =>
        {
            if (Interlocked.Increment(ref slowCalls) == 1)
            {
                slowHasRead.Release();
                fastHasCommitted.Wait(TimeSpan.FromSeconds(2)); // Times out when the store runs delegates under its lock.
            }

            return current with { MetadataAdmin = Append(current.MetadataAdmin, "slow") };
        }, Ct));
        (await slowHasRead.WaitAsync(TimeSpan.FromSeconds(10))).Should().BeTrue();
        var fast = Task.Run(async () =>
        {
            await Store.UpdateAsync(identity.Id, current => current with { MetadataAdmin = Append(current.MetadataAdmin, "fast") }, Ct);
            fastHasCommitted.Release();
        });
        await Task.WhenAll(slow, fast);

        var stored = await Store.GetAsync(identity.Id, Ct);
        stored!.MetadataAdmin!.Value.EnumerateArray().Select(e => e.GetString()).Should().BeEquivalentTo(["slow", "fast"]);
    }

    /// <summary>An update and an insert racing for the same new identifier: exactly one wins, the other gets a conflict.</summary>
    [ConformanceCase]
    public async Task Parallel_update_and_insert_racing_for_one_identifier_let_exactly_one_win()
    {
        for (var round = 0; round < 25; round++)
        {
            var existing = await InsertNewAsync();
            var contested = IdentityStoreTestData.NewEmail();
            var newcomer = IdentityStoreTestData.NewIdentity(contested);
            Exception? updateFailure = null, insertFailure = null;

            await RunInParallelAsync(2, async which =>
            {
                try
                {
                    if (which == 0)
                    {
                        await Store.UpdateAsync(existing.Id, current => current.WithCredential(CredentialsType.Password, contested), Ct);
                    }
                    else
                    {
                        await Store.InsertAsync(newcomer, Ct);
                    }
                }
#pragma warning disable CA1031 // Every failure is collected and asserted on.
                catch (Exception e)
#pragma warning restore CA1031
                {
                    if (which == 0)
                    {
                        updateFailure = e;
                    }
                    else
                    {
                        insertFailure = e;
                    }
                }
            });

            (updateFailure is null ^ insertFailure is null).Should().BeTrue("exactly one of the racing writes wins");
            (updateFailure ?? insertFailure).Should().BeOfType<IdentityConflictException>();
            var winner = updateFailure is null ? existing.Id : newcomer.Id;
            ShouldBeFound(await Store.FindByCredentialsIdentifierAsync(CredentialsType.Password, contested, Ct), winner);
            (await Store.FindByCredentialsIdentifierAsync(CredentialsType.Password, contested, Ct)).Should().NotBeNull();
            (await Store.GetAsync(newcomer.Id, Ct) is null).Should().Be(insertFailure is not null);
        }
    }

    private static JsonElement Append(JsonElement? array, string value) => IdentityStoreTestData.Json(w =>
    {
        w.WriteStartArray();
        if (array is { ValueKind: JsonValueKind.Array } existing)
        {
            foreach (var element in existing.EnumerateArray())
            {
                element.WriteTo(w);
            }
        }

        w.WriteStringValue(value);
        w.WriteEndArray();
    });
}
