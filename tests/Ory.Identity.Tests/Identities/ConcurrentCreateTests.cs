using Ory.Identity.Tests.Support;

namespace Ory.Identity.Tests.Identities;

public sealed class ConcurrentCreateTests
{
    [Fact]
    public async Task Parallel_writers_with_overlapping_emails_leave_exactly_one_identity_per_email()
    {
        using var host = new TestHost();
        const int writers = 16;
        const int attemptsPerWriter = 40;
        const int distinctEmails = 100;
        var created = 0;
        var conflicts = 0;

        await Task.WhenAll(Enumerable.Range(0, writers).Select(writer => Task.Run(async () =>
        {
            for (var i = 0; i < attemptsPerWriter; i++)
            {
                var email = $"user{(writer * 7 + i * 13) % distinctEmails}@ory.sh";
                try
                {
                    await host.Manager.CreateAsync(TestHost.Create($$"""{"email":"{{email}}"}"""));
                    Interlocked.Increment(ref created);
                }
                catch (IdentityConflictException)
                {
                    Interlocked.Increment(ref conflicts);
                }
            }
        })));

        (created + conflicts).Should().Be(writers * attemptsPerWriter);
        (await host.CountAsync()).Should().Be(created);
        var emails = new List<string>();
        await foreach (var identity in host.Manager.ListAllAsync())
        {
            emails.Add(identity.Traits.GetProperty("email").GetString()!);
        }

        emails.Should().OnlyHaveUniqueItems().And.HaveCount(created);
        created.Should().BeLessThanOrEqualTo(distinctEmails);
    }
}
