
namespace Ory.Identity.Cli.Tests.Import.AspNetIdentity;

/// <summary>What an import of <see cref="AspNetIdentityDatabase"/> must leave in the target, whatever the databases.</summary>
internal static class AspNetIdentityImportAssertions
{
    public static async Task AssertImportedAsync(CliResult result, StoredIdentities stored, SeededUsers seeded)
    {
        // Erin has no email, which the schema requires: she alone fails, and the run goes on.
        result.ExitCode.Should().Be(2, result.Error);
        result.LastLine.Should().StartWith("imported 4, skipped 0, failed 1 in ");
        result.Error.Should().Contain($"user {seeded.Erin}: failed: 400");
        foreach (var secret in seeded.AliceRecoveryCodes.Append(seeded.AliceAuthenticatorKey).Append(seeded.BobHash))
        {
            (result.Output + result.Error).Should().NotContain(secret);
        }

        var all = (await stored.AllAsync()).ToDictionary(i => i.ExternalId!);
        all.Keys.Should().BeEquivalentTo(seeded.Alice, seeded.Bob, seeded.Carol, seeded.Dave);

        var alice = all[seeded.Alice];
        alice.State.Should().Be(IdentityState.Active);
        alice.Traits.GetProperty("email").GetString().Should().Be("alice@example.com");
        alice.Traits.GetProperty("name").GetProperty("first").GetString().Should().Be("Alice");
        alice.VerifiableAddresses.Should().ContainSingle().Which.Should().Match<VerifiableAddress>(a => a.Verified && a.Status == VerifiableAddressStatus.Completed);
        Providers(alice).Should().BeEquivalentTo("Google:google-sub-123");
        var totpUrl = alice.Credentials[CredentialsType.Totp].Config!.Value.GetProperty("totp_url").GetString();
        totpUrl.Should().StartWith("otpauth://totp/").And.Contain("secret=" + seeded.AliceAuthenticatorKey);
        alice.Credentials[CredentialsType.LookupSecret].Config!.Value.GetProperty("recovery_codes").EnumerateArray()
            .Select(c => c.GetProperty("code").GetString()).Should().BeEquivalentTo(seeded.AliceRecoveryCodes);

        var bob = all[seeded.Bob];
        bob.VerifiableAddresses.Should().ContainSingle().Which.Verified.Should().BeFalse();
        bob.Credentials[CredentialsType.Password].Config!.Value.GetProperty("hashed_password").GetString().Should().Be(seeded.BobHash);

        all[seeded.Carol].State.Should().Be(IdentityState.Inactive);
        Providers(all[seeded.Dave]).Should().BeEquivalentTo("GitHub:4711", "Google:google-sub-456");
        // Dave signs in through his providers only: no hash was imported for him.
        all[seeded.Dave].Credentials.TryGetValue(CredentialsType.Password, out var davePassword);
        (davePassword?.Config is { } daveConfig && daveConfig.TryGetProperty("hashed_password", out var daveHash) ? daveHash.GetString() : null)
            .Should().BeNullOrEmpty();

        // Every original password verifies through the library, and the legacy hash is upgraded on the way.
        var aliceCheck = await stored.Identities.VerifyPasswordAsync("alice@example.com", AspNetIdentityDatabase.AlicePassword);
        aliceCheck.Should().Match<PasswordCheckResult>(r => r.Succeeded && r.Rehashed);
        var bobCheck = await stored.Identities.VerifyPasswordAsync("bob@example.com", AspNetIdentityDatabase.BobPassword);
        bobCheck.Should().Match<PasswordCheckResult>(r => r.Succeeded && r.Rehashed);
        (await stored.Identities.VerifyPasswordAsync("bob@example.com", AspNetIdentityDatabase.BobPassword)).Rehashed.Should().BeFalse();
        var carol = () => stored.Identities.VerifyPasswordAsync("carol@example.com", AspNetIdentityDatabase.CarolPassword);
        await carol.Should().ThrowAsync<IdentityDisabledException>();
    }

    private static IEnumerable<string> Providers(Identity identity) =>
        identity.Credentials[CredentialsType.Oidc].Config!.Value.GetProperty("providers").EnumerateArray()
            .Select(p => p.GetProperty("provider").GetString() + ":" + p.GetProperty("subject").GetString());
}
