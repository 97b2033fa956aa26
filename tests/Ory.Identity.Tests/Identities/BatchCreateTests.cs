using Ory.Identity.Tests.Support;

namespace Ory.Identity.Tests.Identities;

public sealed class BatchCreateTests : IDisposable
{
    private readonly TestHost _host = new();

    public void Dispose() => _host.Dispose();

    // A cost-4 bcrypt of "password" made by BCrypt.Net-Next: imports without re-hashing.
    private static readonly string Bcrypt = BCrypt.Net.BCrypt.HashPassword("password", 4);

    private static CreateIdentityRequest Item(string email, string? hash = null) => OryIdentityJson.Deserialize<CreateIdentityRequest>(
        hash is null
            ? "{\"traits\":{\"email\":\"" + email + "\"}}"
            : "{\"traits\":{\"email\":\"" + email + "\"},\"credentials\":{\"password\":{\"config\":{\"hashed_password\":\"" + hash + "\"}}}}");

    [Fact]
    public async Task Batch_of_1000_with_10_bad_items_creates_990_and_reports_each_bad_item_at_its_index()
    {
        var bad = new HashSet<int> { 3, 99, 100, 250, 499, 500, 501, 777, 998, 999 };
        var requests = new CreateIdentityRequest?[1000];
        for (var i = 0; i < requests.Length; i++)
        {
            requests[i] = bad.Contains(i)
                ? (i % 2 == 0 ? Item("not-an-email", Bcrypt) : Item("user1@ory.sh", Bcrypt))   // invalid, or a duplicate of item 1
                : Item($"user{i}@ory.sh", Bcrypt);
        }

        var result = await _host.Manager.CreateManyAsync(requests);

        result.Identities.Should().HaveCount(1000);
        for (var i = 0; i < 1000; i++)
        {
            var item = result.Identities[i]!;
            if (bad.Contains(i))
            {
                item.Action.Should().Be("error", $"item {i} is bad");
                item.Error!.Code.Should().Be(i % 2 == 0 ? 400 : 409, $"item {i}");
                item.Identity.Should().BeNull();
            }
            else
            {
                item.Action.Should().Be("create", $"item {i} is good");
                item.Identity.Should().NotBeNull();
            }
        }

        (await _host.CountAsync()).Should().Be(990);
        (await _host.Manager.VerifyPasswordAsync("user500@ory.sh", "password")).Succeeded.Should().BeFalse("item 500 was refused");
        (await _host.Manager.VerifyPasswordAsync("user2@ory.sh", "password")).Succeeded.Should().BeTrue();
    }

    [Fact]
    public async Task Null_items_yield_null_results()
    {
        var result = await _host.Manager.CreateManyAsync([Item("a@ory.sh"), null, Item("b@ory.sh")]);

        result.Identities[1].Should().BeNull();
        result.Identities.Count(r => r is { Succeeded: true }).Should().Be(2);
    }

    [Fact]
    public async Task More_than_1000_items_are_refused_whole()
    {
        var act = () => _host.Manager.CreateManyAsync(Enumerable.Range(0, 1001).Select(i => (CreateIdentityRequest?)Item($"u{i}@ory.sh")).ToArray());

        (await act.Should().ThrowAsync<InvalidRequestException>()).Which.Error.Reason
            .Should().Be("The maximum number of identities per request that can be created or deleted at once is 1000.");
        (await _host.CountAsync()).Should().Be(0);
    }

    [Fact]
    public async Task More_than_200_cleartext_passwords_are_refused_whole()
    {
        var requests = Enumerable.Range(0, 201).Select(i => (CreateIdentityRequest?)OryIdentityJson.Deserialize<CreateIdentityRequest>(
            "{\"traits\":{\"email\":\"c" + i + "@ory.sh\"},\"credentials\":{\"password\":{\"config\":{\"password\":\"pw-" + i + "\"}}}}")).ToArray();

        var act = () => _host.Manager.CreateManyAsync(requests);

        (await act.Should().ThrowAsync<InvalidRequestException>()).Which.Error.Reason
            .Should().Be("The maximum number of identities per request that can be created with a plaintext password is 200.");
        (await _host.CountAsync()).Should().Be(0);
    }

    [Fact]
    public async Task An_item_with_an_unknown_hash_format_fails_the_whole_batch()
    {
        var act = () => _host.Manager.CreateManyAsync([Item("a@ory.sh", Bcrypt), Item("b@ory.sh", "$unknown$abc")]);

        (await act.Should().ThrowAsync<InvalidRequestException>()).Which.Error.Reason
            .Should().Be("The imported password does not match any known hash format.");
        (await _host.CountAsync()).Should().Be(0);
    }
}
