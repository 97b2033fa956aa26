namespace Ory.Identity.Courier.Smtp;

/// <summary>
/// The wait after a failed attempt: <c>courier.retry_delay</c> doubled for each earlier failure, capped at
/// <c>courier.retry_max_delay</c>, of which a random part up to a half is taken off (jitter), so a server that comes
/// back is not hit by every message at once.
/// </summary>
internal static class RetryBackoff
{
    /// <param name="failedAttempts">How many attempts failed so far (1 after the first).</param>
    /// <param name="delay">The wait after the first failure.</param>
    /// <param name="maxDelay">The longest wait.</param>
    /// <param name="random">A number in [0, 1).</param>
    public static TimeSpan Delay(int failedAttempts, TimeSpan delay, TimeSpan maxDelay, double random)
    {
        var doublings = Math.Clamp(failedAttempts - 1, 0, 30);
        var full = Math.Min(delay.Ticks * (double)(1L << doublings), maxDelay.Ticks);
        return TimeSpan.FromTicks((long)(full * (1 - (random / 2))));
    }
}
