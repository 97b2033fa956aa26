namespace Ory.Identity.Tests.Passwords;

/// <summary>Answers a fixed breach count, or throws <see cref="Failure"/>, and counts the calls.</summary>
internal sealed class FakeBreachedPasswordChecker(long breaches = 0) : IBreachedPasswordChecker
{
    public int Calls { get; private set; }

    public Exception? Failure { get; init; }

    public ValueTask<long> CountBreachesAsync(string password, CancellationToken cancellationToken = default)
    {
        Calls++;
        return Failure is null ? ValueTask.FromResult(breaches) : ValueTask.FromException<long>(Failure);
    }
}
