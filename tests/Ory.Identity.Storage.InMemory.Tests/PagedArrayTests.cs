namespace Ory.Identity.Storage.InMemory.Tests;

/// <summary>The paged array behind the hash index: one address per element across page boundaries, pages made on demand.</summary>
public sealed class PagedArrayTests
{
    [Fact]
    public void Keeps_every_element_across_pages()
    {
        // 8,192 longs fill one page (64 KB); 20,000 span three.
        var array = new PagedArray<long>(20_000, 20_000);
        for (var i = 0; i < 20_000; i++)
        {
            array[i] = i * 3L;
        }

        var read = new long[20_000];
        for (var i = 0; i < read.Length; i++)
        {
            read[i] = array[i];
        }

        read.Should().Equal(Enumerable.Range(0, 20_000).Select(i => i * 3L));
    }

    [Fact]
    public void Grow_allocates_a_page_when_it_is_first_written_and_keeps_what_is_there()
    {
        var array = new PagedArray<string>(10_000, 0);
        var reading = () => array[0];
        reading.Should().Throw<NullReferenceException>("no page is allocated yet");

        array.Grow(0) = "first";
        array.Grow(9_999) = "last";
        array.Grow(0).Should().Be("first", "growing again keeps the page");
        array[9_999].Should().Be("last");
        array[1].Should().BeNull();
    }

    [Fact]
    public void A_short_array_is_one_page_of_its_own_length()
    {
        var array = new PagedArray<int>(12, 12);
        array[11] = 7;
        array[11].Should().Be(7);
        var outside = () => array[12];
        outside.Should().Throw<IndexOutOfRangeException>();
    }
}
