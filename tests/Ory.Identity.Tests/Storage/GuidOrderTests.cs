using Ory.Identity.Storage;

namespace Ory.Identity.Tests.Storage;

public sealed class GuidOrderTests
{
    private static int ByteOrder(Guid x, Guid y) =>
        Math.Sign(x.ToByteArray(bigEndian: true).AsSpan().SequenceCompareTo(y.ToByteArray(bigEndian: true)));

    public static TheoryData<string, string> EdgeCases => new()
    {
        { "00000000-0000-0000-0000-000000000000", "ffffffff-ffff-ffff-ffff-ffffffffffff" },
        { "80000000-0000-0000-0000-000000000000", "7fffffff-ffff-ffff-ffff-ffffffffffff" },
        { "00000000-8000-0000-0000-000000000000", "00000000-7fff-0000-0000-000000000000" },
        { "00000000-0000-8000-0000-000000000000", "00000000-0000-7fff-0000-000000000000" },
        { "00000000-0000-0000-8000-000000000000", "00000000-0000-0000-7fff-000000000000" },
        { "00000000-0000-0000-0000-800000000000", "00000000-0000-0000-0000-7fffffffffff" },
        { "00000000-0000-0000-0000-000000000001", "00000000-0000-0000-0000-000000000100" },
        { "01000000-0000-0000-0000-000000000000", "00000001-0000-0000-0000-000000000000" },
        { "00000000-0100-0000-0000-000000000000", "00000000-0001-0000-0000-000000000000" },
        { "00000000-0000-0100-0000-000000000000", "00000000-0000-0001-0000-000000000000" },
        { "00000000-0000-0000-0100-000000000000", "00000000-0000-0000-0001-000000000000" },
        { "12345678-9abc-def0-1234-56789abcdef0", "12345678-9abc-def0-1234-56789abcdef0" },
    };

    [Theory]
    [MemberData(nameof(EdgeCases))]
    public void Orders_by_big_endian_bytes_on_edge_cases(string a, string b)
    {
        var x = Guid.Parse(a);
        var y = Guid.Parse(b);

        Math.Sign(GuidOrder.Instance.Compare(x, y)).Should().Be(ByteOrder(x, y));
        Math.Sign(GuidOrder.Instance.Compare(y, x)).Should().Be(ByteOrder(y, x));
    }

    [Fact]
    public void Orders_random_uuids_by_big_endian_bytes_as_guid_compare_to_does()
    {
        var random = new Random(1234);
        Span<byte> bytes = stackalloc byte[16];
        for (var i = 0; i < 100_000; i++)
        {
            random.NextBytes(bytes);
            var x = new Guid(bytes);
            // Share a random-length prefix so that every field, not only the first, decides some comparisons.
            var shared = random.Next(17);
            random.NextBytes(bytes[shared..]);
            var y = new Guid(bytes);

            var expected = ByteOrder(x, y);
            Math.Sign(GuidOrder.Instance.Compare(x, y)).Should().Be(expected);
            // .NET compares the fields unsigned, which is the same order (documented here, not relied upon).
            Math.Sign(x.CompareTo(y)).Should().Be(expected);
        }
    }
}
