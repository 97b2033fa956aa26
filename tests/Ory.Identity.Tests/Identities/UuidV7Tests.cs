using Ory.Identity.Storage;

namespace Ory.Identity.Tests.Identities;

public sealed class UuidV7Tests
{
    [Fact]
    public void Is_laid_out_as_guid_create_version7()
    {
        var timestamp = DateTimeOffset.FromUnixTimeMilliseconds(0x0123_4567_89AB);
        var ours = UuidV7.New(timestamp);
        var framework = Guid.CreateVersion7(timestamp);

        ours.Version.Should().Be(7);
        (ours.Variant & 0xC).Should().Be(0x8);
        ours.ToString("N")[..12].Should().Be("0123456789ab").And.Be(framework.ToString("N")[..12]);
        ours.Version.Should().Be(framework.Version);
    }

    [Fact]
    public void Carries_the_current_time_and_never_repeats_across_refills()
    {
        var before = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var ids = new HashSet<Guid>();
        for (var i = 0; i < UuidV7.UuidsPerRefill * 5 + 3; i++)
        {
            ids.Add(UuidV7.New(NodaTime.SystemClock.Instance.GetCurrentInstant())).Should().BeTrue();
        }

        var after = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        foreach (var id in ids)
        {
            var ms = Convert.ToInt64(id.ToString("N")[..12], 16);
            ms.Should().BeInRange(before, after);
            id.Version.Should().Be(7);
            (id.Variant & 0xC).Should().Be(0x8);
        }
    }

    [Fact]
    public async Task Threads_draw_distinct_ids()
    {
        var batches = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() =>
            Enumerable.Range(0, 2000).Select(_ => UuidV7.New(NodaTime.SystemClock.Instance.GetCurrentInstant())).ToArray())));

        batches.SelectMany(b => b).Should().OnlyHaveUniqueItems();
    }

    [Fact]
    public void Ids_of_one_thread_within_a_millisecond_ascend()
    {
        var timestamp = DateTimeOffset.FromUnixTimeMilliseconds(0x0123_4567_89AB);
        var ids = Enumerable.Range(0, UuidV7.UuidsPerRefill * 3).Select(_ => UuidV7.New(timestamp)).ToArray();

        ids.Should().BeInAscendingOrder(GuidOrder.Instance).And.OnlyHaveUniqueItems();
        ids.Should().OnlyContain(id => id.Version == 7 && (id.Variant & 0xC) == 0x8 && id.ToString("N").StartsWith("0123456789ab", StringComparison.Ordinal));
    }

    [Fact]
    public void A_clock_that_goes_back_gives_ids_with_the_earlier_time()
    {
        var later = UuidV7.New(DateTimeOffset.FromUnixTimeMilliseconds(0x0123_4567_89AB));
        var earlier = UuidV7.New(DateTimeOffset.FromUnixTimeMilliseconds(0x0123_4567_89AA));

        earlier.ToString("N")[..12].Should().Be("0123456789aa");
        GuidOrder.Instance.Compare(earlier, later).Should().BeNegative();
    }
}
