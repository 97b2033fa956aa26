namespace Ory.Identity.Storage.InMemory.Tests;

/// <summary>The paged array behind the hash index's slots: one address per element across page boundaries.</summary>
public sealed class PagedArrayTests
{
    [Fact]
    public void Keeps_every_element_across_pages()
    {
        // 8,192 longs fill one page (64 KB); 20,000 span three.
        var array = new PagedArray<long>(20_000);
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
    public void A_short_array_is_one_page_of_its_own_length()
    {
        var array = new PagedArray<int>(12);
        array[11] = 7;
        array[11].Should().Be(7);
        var outside = () => array[12];
        outside.Should().Throw<IndexOutOfRangeException>();
    }
}
