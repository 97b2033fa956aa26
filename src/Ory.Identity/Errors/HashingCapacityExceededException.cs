using System.Globalization;

namespace Ory.Identity;

/// <summary>
/// Password hashing is at capacity: <c>hashers.max_concurrency</c> hashes run and <c>hashers.max_queue</c> callers
/// already wait, so the request is refused at once instead of waiting without bound (503 "Service Unavailable"; the
/// HTTP API adds <c>Retry-After</c> with <see cref="RetryAfter"/>). Nothing was stored. Our extension: Kratos has no
/// such limit.
/// </summary>
public sealed class HashingCapacityExceededException : OryIdentityException
{
    /// <summary>The error's <c>message</c>.</summary>
    public const string ErrorMessage = "The server is busy hashing passwords and cannot take this request now; retry later";

    /// <summary>Creates the exception.</summary>
    /// <param name="retryAfter">When a retry is likely to be admitted.</param>
    /// <param name="maxConcurrency">The configured <c>hashers.max_concurrency</c>.</param>
    /// <param name="maxQueue">The configured <c>hashers.max_queue</c>.</param>
    public HashingCapacityExceededException(TimeSpan retryAfter, int maxConcurrency, int maxQueue)
        : base(Build(retryAfter, maxConcurrency, maxQueue), "Password hashing is at capacity; the request was refused.")
    {
        RetryAfter = retryAfter;
    }

    /// <summary>When a retry is likely to be admitted (whole seconds, at least one).</summary>
    public TimeSpan RetryAfter { get; }

    private static OryError Build(TimeSpan retryAfter, int maxConcurrency, int maxQueue) => new()
    {
        Code = 503,
        Status = "Service Unavailable",
        Message = ErrorMessage,
        Reason = string.Create(CultureInfo.InvariantCulture,
            $"Password hashing is at capacity (hashers.max_concurrency: {maxConcurrency}, hashers.max_queue: {maxQueue} waiting callers). Retry after {(long)retryAfter.TotalSeconds} seconds."),
    };
}
