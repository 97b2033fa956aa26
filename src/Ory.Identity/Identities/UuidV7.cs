using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Ory.Identity;

/// <summary>
/// Makes UUIDv7s laid out as <see cref="Guid.CreateVersion7()"/> does (RFC 9562: 48-bit Unix milliseconds, version 7,
/// 74 further bits, variant 10), monotonic per thread within a millisecond, drawing random bits from a per-thread
/// buffer that <see cref="RandomNumberGenerator"/> refills.
/// </summary>
/// <remarks>
/// <para>
/// <see cref="Guid.CreateVersion7()"/> reads the operating system's random source on every call; on Linux that is a
/// system call, measured at about 2 µs on a VM — three of them were a fifth of an identity create. Buffering
/// cryptographically secure bytes costs one such call per <see cref="UuidsPerRefill"/> UUIDs.
/// </para>
/// <para>
/// The first UUID a thread makes in a millisecond has 73 random bits after the timestamp (the top one is clear, so
/// that increments cannot overflow); each further UUID of that thread in the same millisecond adds a random increment
/// of 1 to 2^56 to them (RFC 9562 §6.2, method 2). A thread's ids therefore sort in the order it made them, so a store
/// keeping ids in order appends instead of inserting, while each id stays unpredictable from the previous one.
/// </para>
/// </remarks>
internal static class UuidV7
{
    /// <summary>How many UUIDs one refill of the random buffer serves.</summary>
    public const int UuidsPerRefill = 256;

    // 11 + 62 random bits for a new millisecond, or 56 for an increment, taken from 10 bytes.
    private const int RandomBytesPerUuid = 10;
    private const int BufferSize = UuidsPerRefill * RandomBytesPerUuid;
    private const ulong RandBLimit = 1UL << 62;
    private const int RandALimit = 1 << 12;

    // This thread's random buffer and last UUID, in one object: one thread-static access per UUID instead of six.
    [ThreadStatic]
    private static ThreadState? t_state;

    /// <summary>A new UUIDv7 for an instant of the library's clock (so ids, like every timestamp, follow the injected clock).</summary>
    public static Guid New(NodaTime.Instant now) => New(now.ToUnixTimeMilliseconds(), nameof(now));

    /// <summary>A new UUIDv7 for <paramref name="timestamp"/> (from the Unix epoch to year 10889, as Guid.CreateVersion7).</summary>
    public static Guid New(DateTimeOffset timestamp) => New(timestamp.ToUnixTimeMilliseconds(), nameof(timestamp));

    private static Guid New(long ms, string paramName)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(ms, paramName);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(ms >>> 48, 0, paramName);

        var state = t_state ??= new ThreadState();
        var r = state.NextRandomBytes();
        var randA = state.RandA;
        var randB = state.RandB + 1 + (BinaryPrimitives.ReadUInt64BigEndian(r[2..]) >>> 8);
        if (randB >= RandBLimit)
        {
            randB -= RandBLimit;
            randA++;
        }

        if (!state.HasLast || ms != state.LastMs || randA >= RandALimit)
        {
            // A new millisecond (or a clock that went back): start from fresh random bits.
            randA = ((r[0] << 8) | r[1]) & 0x07FF;
            randB = BinaryPrimitives.ReadUInt64BigEndian(r[2..]) & (RandBLimit - 1);
            state.HasLast = true;
            state.LastMs = ms;
        }

        state.RandA = randA;
        state.RandB = randB;
        return new Guid(
            (int)(ms >>> 16),
            (short)ms,
            (short)(0x7000 | randA),
            (byte)(0x80 | (int)(randB >>> 56)),
            (byte)(randB >>> 48),
            (byte)(randB >>> 40),
            (byte)(randB >>> 32),
            (byte)(randB >>> 24),
            (byte)(randB >>> 16),
            (byte)(randB >>> 8),
            (byte)randB);
    }

    private sealed class ThreadState
    {
        private readonly byte[] _random = new byte[BufferSize];
        private int _used = BufferSize;

        // The thread's last UUID: its timestamp and the 12 + 62 bits after it; HasLast is false before the first.
        public bool HasLast;
        public long LastMs;
        public int RandA;
        public ulong RandB;

        // The next RandomBytesPerUuid bytes of the buffer, refilled from the CSPRNG when used up.
        public ReadOnlySpan<byte> NextRandomBytes()
        {
            if (_used == BufferSize)
            {
                RandomNumberGenerator.Fill(_random);
                _used = 0;
            }

            var used = _used;
            _used = used + RandomBytesPerUuid;
            return _random.AsSpan(used, RandomBytesPerUuid);
        }
    }
}
