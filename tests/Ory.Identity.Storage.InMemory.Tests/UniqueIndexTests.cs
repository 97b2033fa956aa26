namespace Ory.Identity.Storage.InMemory.Tests;

/// <summary>
/// The single-writer hash index against a dictionary reference, through claims, re-points, releases and the rebuilds
/// they cause, and with lock-free readers running beside the writer.
/// </summary>
public sealed class UniqueIndexTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public void Matches_a_dictionary_reference(int seed)
    {
        // A small key space, so keys are released and claimed again (reviving their slots) as often as new ones arrive.
        var random = new Random(seed);
        var index = new UniqueIndex<string>();
        var reference = new Dictionary<string, StoredIdentity>(StringComparer.Ordinal);
        var slots = Enumerable.Range(0, 50).Select(_ => new StoredIdentity(Guid.NewGuid())).ToArray();
        for (var step = 0; step < 30_000; step++)
        {
            var key = "user" + random.Next(step < 15_000 ? 3_000 : 200) + "@example.com";
            var slot = slots[random.Next(slots.Length)];
            switch (random.Next(4))
            {
                case 0:
                    index.TryClaim(key, slot).Should().Be(reference.TryAdd(key, slot));
                    break;
                case 1:
                    index.Point(key, slot);
                    reference[key] = slot;
                    break;
                case 2:
                    var owner = reference.GetValueOrDefault(key) ?? slot;
                    index.Release(key, owner);
                    reference.Remove(key);
                    break;
                default:
                    index.Remove(key).Should().BeSameAs(reference.Remove(key, out var removed) ? removed : null);
                    break;
            }

            if (step % 1_000 == 0)
            {
                for (var k = 0; k < 3_000; k++)
                {
                    var probe = "user" + k + "@example.com";
                    index.Find(probe).Should().BeSameAs(reference.GetValueOrDefault(probe), "key {0} at step {1}", probe, step);
                }
            }
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public void Grows_through_phases_of_only_adds_and_of_removals_without_losing_or_reviving_a_key(int seed)
    {
        // Phases of adds only grow the index over live keys; a phase of removals leaves removed entries behind (and, past
        // half of them, the next growth compacts the list). Each phase must end exactly as the reference.
        var random = new Random(seed);
        var index = new UniqueIndex<string>();
        var reference = new Dictionary<string, StoredIdentity>(StringComparer.Ordinal);
        var next = 0;
        foreach (var (adds, removeShare) in new[] { (5_000, 0.0), (0, 0.3), (6_000, 0.0), (0, 0.6), (9_000, 0.0), (0, 0.9), (3_000, 0.0) })
        {
            for (var i = 0; i < adds; i++)
            {
                var key = "user" + next++ + "@example.com";
                var slot = new StoredIdentity(Guid.NewGuid());
                index.TryClaim(key, slot).Should().BeTrue();
                reference.Add(key, slot);
            }

            foreach (var key in reference.Keys.Where(_ => random.NextDouble() < removeShare).ToList())
            {
                index.Remove(key).Should().BeSameAs(reference[key]);
                reference.Remove(key);
            }

            for (var k = 0; k < next; k++)
            {
                var probe = "user" + k + "@example.com";
                index.Find(probe).Should().BeSameAs(reference.GetValueOrDefault(probe), "key {0} after {1} keys were added", probe, next);
            }
        }
    }

    [Fact]
    public void Finds_every_key_across_many_pages_and_after_removals()
    {
        // 20,000 keys need a table of 32,768 slots: sixteen pages of 2,048 entries (a page stays off the large object heap).
        var index = new UniqueIndex<Guid>();
        var slots = Enumerable.Range(0, 20_000).Select(_ => new StoredIdentity(Guid.CreateVersion7())).ToArray();
        foreach (var slot in slots)
        {
            index.TryClaim(slot.Id, slot).Should().BeTrue();
        }

        for (var i = 0; i < slots.Length; i += 2)
        {
            index.Remove(slots[i].Id).Should().BeSameAs(slots[i]);
        }

        for (var i = 0; i < slots.Length; i++)
        {
            index.Find(slots[i].Id).Should().BeSameAs(i % 2 == 0 ? null : slots[i], "key {0}", i);
        }

        index.TryClaim(slots[0].Id, slots[0]).Should().BeTrue("a removed key can be claimed again");
        index.TryClaim(slots[1].Id, slots[0]).Should().BeFalse("a held key is not taken over");
        index.Find(slots[1].Id).Should().BeSameAs(slots[1]);
    }

    [Fact]
    public void Growing_after_most_keys_were_removed_keeps_the_live_ones_and_frees_the_rest()
    {
        // Removing 9 of 10 keys leaves tombstones; the rebuild that growing causes copies only the live entries.
        var index = new UniqueIndex<string>();
        var slots = Enumerable.Range(0, 5_000).Select(_ => new StoredIdentity(Guid.NewGuid())).ToArray();
        for (var i = 0; i < slots.Length; i++)
        {
            index.TryClaim("user" + i, slots[i]).Should().BeTrue();
        }

        for (var i = 0; i < slots.Length; i++)
        {
            if (i % 10 != 0)
            {
                index.Release("user" + i, slots[i]);
            }
        }

        var more = Enumerable.Range(0, 20_000).Select(_ => new StoredIdentity(Guid.NewGuid())).ToArray();
        for (var i = 0; i < more.Length; i++)
        {
            index.TryClaim("new" + i, more[i]).Should().BeTrue();
        }

        for (var i = 0; i < slots.Length; i++)
        {
            index.Find("user" + i).Should().BeSameAs(i % 10 == 0 ? slots[i] : null, "old key {0}", i);
        }

        for (var i = 0; i < more.Length; i++)
        {
            index.Find("new" + i).Should().BeSameAs(more[i], "new key {0}", i);
        }

        index.TryClaim("user1", slots[1]).Should().BeTrue("a key released before the rebuild can be claimed again");
        index.Find("user1").Should().BeSameAs(slots[1]);
    }

    [Fact]
    public void Releasing_for_another_owner_keeps_the_key()
    {
        var index = new UniqueIndex<Guid>();
        var id = Guid.NewGuid();
        var owner = new StoredIdentity(id);
        index.TryClaim(id, owner).Should().BeTrue();

        index.Release(id, new StoredIdentity(id));
        index.Find(id).Should().BeSameAs(owner);
        index.TryClaim(id, new StoredIdentity(id)).Should().BeFalse("the key is held");

        index.Release(id, owner);
        index.Find(id).Should().BeNull();
        index.Contains(id).Should().BeFalse();
    }

    [Fact]
    public async Task Readers_keep_finding_the_live_keys_while_removals_make_the_writer_compact()
    {
        // Two of every three keys are removed right after being added, so rebuilds copy the live entries into new lists
        // while readers walk the old ones.
        var index = new UniqueIndex<string>();
        var keys = Enumerable.Range(0, 30_000).Select(i => "user" + i).ToArray();
        var slots = keys.Select(_ => new StoredIdentity(Guid.NewGuid())).ToArray();

        var badReads = await CountBadReadsAsync(index, keys, slots, mayBeGone: i => i % 3 != 0, write: i =>
        {
            index.TryClaim(keys[i], slots[i]).Should().BeTrue();
            if (i % 3 != 0)
            {
                index.Remove(keys[i]).Should().BeSameAs(slots[i]);
            }
        });

        badReads.Should().Be(0);
        Enumerable.Range(0, keys.Length).Where(i => index.Find(keys[i]) is not null).Should().Equal(
            Enumerable.Range(0, keys.Length).Where(i => i % 3 == 0));
    }

    [Fact]
    public async Task Readers_never_see_a_wrong_or_torn_entry_while_the_writer_grows_and_removes()
    {
        // Every tenth key is removed after being added; every other key, once added, stays and is found.
        var index = new UniqueIndex<CredentialKey>();
        var keys = Enumerable.Range(0, 20_000).Select(i => new CredentialKey("password", "user" + i + "@example.com")).ToArray();
        var slots = keys.Select(_ => new StoredIdentity(Guid.NewGuid())).ToArray();

        var badReads = await CountBadReadsAsync(index, keys, slots, mayBeGone: i => i % 10 == 0, write: i =>
        {
            index.TryClaim(keys[i], slots[i]).Should().BeTrue();
            if (i % 10 == 0)
            {
                index.Release(keys[i], slots[i]);
            }
        });

        badReads.Should().Be(0);
        index.Find(keys[^1]).Should().BeSameAs(slots[^1]);
        index.Find(keys[0]).Should().BeNull();
    }

    // Runs write(i) for every key in order while two readers look up random keys already written; counts the reads
    // that found a key missing although it stays, or pointing at another identity than its own.
    private static async Task<int> CountBadReadsAsync<TKey>(
        UniqueIndex<TKey> index, TKey[] keys, StoredIdentity[] slots, Func<int, bool> mayBeGone, Action<int> write)
        where TKey : notnull
    {
        var written = -1;
        var bad = 0;
        var readers = Enumerable.Range(0, 2).Select(r => Task.Run(() =>
        {
            var random = new Random(r);
            while (Volatile.Read(ref written) < keys.Length - 1)
            {
                var upTo = Volatile.Read(ref written);
                if (upTo < 0)
                {
                    continue;
                }

                var i = random.Next(upTo + 1);
                var found = index.Find(keys[i]);
                if (found is null ? !mayBeGone(i) : !ReferenceEquals(found, slots[i]))
                {
                    Interlocked.Increment(ref bad);
                }
            }
        })).ToArray();

        for (var i = 0; i < keys.Length; i++)
        {
            write(i);
            Volatile.Write(ref written, i);
        }

        await Task.WhenAll(readers);
        return bad;
    }
}
