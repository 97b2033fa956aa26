namespace Ory.Identity.Courier.Smtp.Tests;

public sealed class RetryBackoffTests
{
    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(3, 4)]
    [InlineData(6, 32)]
    [InlineData(7, 60)]
    [InlineData(1000, 60)]
    public void Wait_doubles_per_failure_up_to_the_maximum_without_jitter(int failedAttempts, int seconds)
    {
        RetryBackoff.Delay(failedAttempts, Second, Minute, random: 0).Should().Be(TimeSpan.FromSeconds(seconds));
    }

    [Fact]
    public void Jitter_takes_off_at_most_half_the_wait()
    {
        RetryBackoff.Delay(3, Second, Minute, random: 0.5).Should().Be(TimeSpan.FromSeconds(3));
        RetryBackoff.Delay(3, Second, Minute, random: 0.999_999).Should().BeCloseTo(TimeSpan.FromSeconds(2), TimeSpan.FromMilliseconds(1));
        RetryBackoff.Delay(1000, Second, Minute, random: 0.999_999).Should().BeGreaterThanOrEqualTo(TimeSpan.FromSeconds(30));
    }
}
