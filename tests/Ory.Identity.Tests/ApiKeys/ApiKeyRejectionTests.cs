using Microsoft.Extensions.DependencyInjection;
using System.IO.Hashing;
using System.Text;
using Ory.Identity.Tests.Support;

namespace Ory.Identity.Tests.ApiKeys;

public sealed class ApiKeyRejectionTests : IDisposable
{
    private readonly TestHost _host = MachineTestHost.Create();

    public void Dispose() => _host.Dispose();

    private IApiKeyManager Keys => _host.ApiKeys();

    private async Task<IssuedApiKey> IssueAsync()
    {
        var account = await _host.CreateServiceAccountAsync();
        return await Keys.IssueAsync(account.Id, "ci");
    }

    public static TheoryData<string?> NotKeys => new()
    {
        null,
        "",
        " ",
        "Bearer ",
        "ory_ak_",
        "not-a-key",
        "ory_pat_aaaaaaaaaaaaaaaa_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
        new string('a', 83),
        new string('a', 100_000),
    };

    [Theory]
    [MemberData(nameof(NotKeys))]
    public async Task Values_that_are_not_keys_are_malformed(string? value)
    {
        await IssueAsync();

        (await Keys.AuthenticateAsync(value)).Failure.Should().Be(ApiKeyAuthenticationFailure.Malformed);
    }

    [Fact]
    public async Task Every_single_character_change_is_refused()
    {
        var issued = await IssueAsync();

        for (var i = 0; i < issued.Secret.Length; i++)
        {
            var chars = issued.Secret.ToCharArray();
            chars[i] = chars[i] == 'a' ? 'b' : 'a';
            var result = await Keys.AuthenticateAsync(new string(chars));
            result.Succeeded.Should().BeFalse($"a change at {i} must be refused");
            result.Failure.Should().Be(ApiKeyAuthenticationFailure.Malformed, "the checksum catches every single-character change");
        }
    }

    [Fact]
    public async Task A_forged_secret_with_a_valid_checksum_is_refused()
    {
        var issued = await IssueAsync();
        var body = issued.Secret[..^7];
        var forged = WithChecksum(body[..^1] + (body[^1] == 'a' ? 'b' : 'a'));

        (await Keys.AuthenticateAsync(forged)).Failure.Should().Be(ApiKeyAuthenticationFailure.InvalidSecret);
        (await Keys.AuthenticateAsync(issued.Secret)).Succeeded.Should().BeTrue();
    }

    [Fact]
    public async Task Truncated_and_extended_keys_are_refused()
    {
        var issued = await IssueAsync();

        (await Keys.AuthenticateAsync(issued.Secret[..^1])).Failure.Should().Be(ApiKeyAuthenticationFailure.Malformed);
        (await Keys.AuthenticateAsync(issued.Secret[..40])).Failure.Should().Be(ApiKeyAuthenticationFailure.Malformed);
        (await Keys.AuthenticateAsync(issued.Secret + "a")).Failure.Should().Be(ApiKeyAuthenticationFailure.Malformed);
        (await Keys.AuthenticateAsync(" " + issued.Secret)).Failure.Should().Be(ApiKeyAuthenticationFailure.Malformed);
        (await Keys.AuthenticateAsync(issued.Secret.ToUpperInvariant())).Failure.Should().Be(ApiKeyAuthenticationFailure.Malformed);
    }

    [Fact]
    public async Task A_key_of_another_deployment_is_unknown_here()
    {
        using var other = MachineTestHost.Create(o => o.Secrets.Default = ["another-deployments-secret-0002"]);
        var account = await other.CreateServiceAccountAsync();
        var foreign = await other.ApiKeys().IssueAsync(account.Id, "ci");
        await IssueAsync();

        (await Keys.AuthenticateAsync(foreign.Secret)).Failure.Should().Be(ApiKeyAuthenticationFailure.Unknown);
    }

    [Fact]
    public async Task A_key_hashed_under_a_secret_no_longer_configured_is_refused()
    {
        var issued = await IssueAsync();
        using var rotatedAway = MachineTestHost.Create(
            o => o.Secrets.Default = ["a-completely-new-secret-00000003"],
            b => b.Services.AddSingleton(_host.Store));

        (await rotatedAway.ApiKeys().AuthenticateAsync(issued.Secret)).Failure.Should().Be(ApiKeyAuthenticationFailure.InvalidSecret);
    }

    [Fact]
    public async Task Nothing_in_logs_contains_a_key_and_nothing_throws()
    {
        var issued = await IssueAsync();
        var revokedAccount = await _host.CreateServiceAccountAsync("revoked");
        var revoked = await Keys.IssueAsync(revokedAccount.Id, "old");
        await Keys.RevokeAsync(revokedAccount.Id, revoked.Key.Id);
        var tampered = issued.Secret[..^1] + (issued.Secret[^1] == 'a' ? 'b' : 'a');
        var forged = WithChecksum(issued.Secret[..^8] + (issued.Secret[^8] == 'a' ? 'b' : 'a'));

        foreach (var presented in new[] { issued.Secret, tampered, forged, issued.Secret[..50], revoked.Secret, "", "ory_ak_garbage" })
        {
            await Keys.AuthenticateAsync(presented);
        }

        var logs = string.Join('\n', _host.Logs.Lines);
        logs.Should().Contain("refused");
        foreach (var secret in new[] { issued.Secret, revoked.Secret, tampered, forged })
        {
            logs.Should().NotContain(secret[(7 + 17)..(7 + 17 + 20)], "no log line may carry a key's secret part");
        }

        logs.Should().NotContain(MachineTestHost.Secret);
    }

    [Theory]
    [InlineData(7)]
    [InlineData(24)]
    public async Task A_character_outside_the_alphabet_is_malformed_even_with_a_valid_checksum(int position)
    {
        var issued = await IssueAsync();
        var body = issued.Secret[..^7].ToCharArray();
        body[position] = '1';

        (await Keys.AuthenticateAsync(WithChecksum(new string(body)))).Failure.Should().Be(ApiKeyAuthenticationFailure.Malformed);
    }

    // Recomputes the CRC-32 suffix (7 base32 digits) of a key body, as a forger who knows the format would.
    private static string WithChecksum(string body)
    {
        const string alphabet = "abcdefghijklmnopqrstuvwxyz234567";
        var crc = Crc32.HashToUInt32(Encoding.ASCII.GetBytes(body));
        var digits = new char[7];
        for (var i = 6; i >= 0; i--)
        {
            digits[i] = alphabet[(int)(crc & 31)];
            crc >>= 5;
        }

        return body + new string(digits);
    }
}
