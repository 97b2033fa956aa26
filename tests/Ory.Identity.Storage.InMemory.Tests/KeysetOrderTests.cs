namespace Ory.Identity.Storage.InMemory.Tests;

/// <summary>The chunked keyset order against a sorted reference, through appends, out-of-order inserts, splits and removals.</summary>
public sealed class KeysetOrderTests
{
    private static StoredIdentity Item(Guid id) => new(id);

    private static List<Guid> After(KeysetOrder order, Guid after, int limit = int.MaxValue)
    {
        var seen = new List<Guid>();
        foreach (var item in order.Current.After(after))
        {
            seen.Add(item.Id);
            if (seen.Count == limit)
            {
                break;
            }
        }

        return seen;
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public void Matches_a_sorted_reference(int seed)
    {
        var random = new Random(seed);
        var order = new KeysetOrder();
        var reference = new SortedSet<Guid>(GuidOrder.Instance);
        var ms = 1_700_000_000_000L;
        for (var step = 0; step < 6000; step++)
        {
            var roll = random.Next(10);
            if (roll < 2 && reference.Count > 0)
            {
                var victim = reference.ElementAt(random.Next(reference.Count));
                order.Remove(victim).Should().BeTrue();
                reference.Remove(victim);
            }
            else
            {
                // Mostly time-ordered ids, several per millisecond (random within it), sometimes from the past.
                ms += random.Next(3) == 0 ? 1 : 0;
                var at = roll == 9 ? ms - random.Next(1, 100_000) : ms;
                var id = Guid.CreateVersion7(DateTimeOffset.FromUnixTimeMilliseconds(at));
                order.Add(Item(id));
                reference.Add(id);
            }

            if (step % 500 == 0)
            {
                After(order, Guid.Empty).Should().Equal(reference);
            }
        }

        After(order, Guid.Empty).Should().Equal(reference);
        order.Remove(Guid.NewGuid()).Should().BeFalse();

        // Seeking: after a stored id, after an id between stored ones, after the last one.
        var all = reference.ToList();
        foreach (var i in new[] { 0, 1, all.Count / 3, all.Count / 2, all.Count - 2, all.Count - 1 })
        {
            After(order, all[i], limit: 5).Should().Equal(all.Skip(i + 1).Take(5));
        }

        var between = Guid.CreateVersion7(DateTimeOffset.FromUnixTimeMilliseconds(ms - 50_000));
        After(order, between).Should().Equal(reference.Where(g => GuidOrder.Instance.Compare(g, between) > 0));
    }

    [Fact]
    public async Task A_snapshot_walk_stays_sorted_and_complete_under_concurrent_writes()
    {
        var order = new KeysetOrder();
        var stable = new List<Guid>();
        for (var i = 0; i < 1000; i++)
        {
            var id = Guid.CreateVersion7(DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_000L + i));
            order.Add(Item(id));
            stable.Add(id);
        }

        using var stop = new CancellationTokenSource();
        var writer = Task.Run(() =>
        {
            var random = new Random(7);
            var added = new List<Guid>();
            var ms = 1_700_000_000_000L;
            while (!stop.IsCancellationRequested)
            {
                // Bounded, so that a starved reader does not face an ever longer walk (the test took minutes on two cores).
                if (added.Count >= 2_000 || (added.Count > 0 && random.Next(3) == 0))
                {
                    var index = random.Next(added.Count);
                    order.Remove(added[index]);
                    added.RemoveAt(index);
                }
                else
                {
                    var id = Guid.CreateVersion7(DateTimeOffset.FromUnixTimeMilliseconds(ms + random.Next(3000)));
                    order.Add(Item(id));
                    added.Add(id);
                }
            }
        });

        for (var round = 0; round < 300; round++)
        {
            var seen = After(order, Guid.Empty);
            seen.Should().BeInAscendingOrder(GuidOrder.Instance);
            seen.ToHashSet().IsSupersetOf(stable).Should().BeTrue();
        }

        await stop.CancelAsync();
        await writer;
    }
}
