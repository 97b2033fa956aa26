using System.Text;
using Ory.Identity.Cli.Sources;

namespace Ory.Identity.Cli.Tests.Sources;

public sealed class JsonItemSourceTests
{
    [Fact]
    public async Task A_line_of_several_megabytes_arriving_in_many_small_reads_is_one_item_with_the_lines_around_it_numbered()
    {
        // 8 MB in reads of 16 bytes: half a million fills. Rescanning the line from its start on each fill would scan
        // about 2 TB (minutes); scanning only what each fill added reads it once.
        var longValue = new string('x', 8 * 1024 * 1024);
        var longLine = "{\"traits\":{\"note\":\"" + longValue + "\"}}";
        var text = "{\"traits\":{\"email\":\"ann@example.com\"}}\n" + longLine + "\r\n\n{\"traits\":{\"email\":\"bob@example.com\"}}";
        var bytes = Encoding.UTF8.GetBytes(text);
        var source = new JsonItemSource(new TrickleStream(bytes, 16), bytes.Length);

        var items = await source.ReadAsync(CancellationToken.None).ToListAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(60));

        items.Select(i => i.Source).Should().Equal("line 1", "line 2", "line 4");
        Encoding.UTF8.GetString(items[1].Json!).Should().Be(longLine);
        Encoding.UTF8.GetString(items[2].Json!).Should().Be("{\"traits\":{\"email\":\"bob@example.com\"}}");
        source.Fraction.Should().Be(1);
    }

    [Fact]
    public async Task Lines_split_across_fills_at_every_offset_are_read_whole()
    {
        var lines = Enumerable.Range(0, 200).Select(i => "{\"traits\":{\"email\":\"user" + i + "@example.com\"}}").ToList();
        var bytes = Encoding.UTF8.GetBytes(string.Join('\n', lines) + "\n");

        foreach (var chunk in (int[])[1, 7, 64, 4096])
        {
            var items = await new JsonItemSource(new TrickleStream(bytes, chunk), bytes.Length).ReadAsync(CancellationToken.None).ToListAsync();

            items.Select(i => Encoding.UTF8.GetString(i.Json!)).Should().Equal(lines, $"reads of {chunk} bytes");
            items[^1].Source.Should().Be("line 200");
        }
    }

    // A stream that hands out at most a few bytes per read, as a pipe or a slow network does.
    private sealed class TrickleStream(byte[] data, int chunk) : MemoryStream(data)
    {
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            base.ReadAsync(buffer[..Math.Min(buffer.Length, chunk)], cancellationToken);
    }
}
