using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Ory.Identity.Cli.Tests.Import.AspNetIdentity;

/// <summary>The EF Core context of an ordinary ASP.NET Core Identity application.</summary>
public sealed class LegacyAppDb(DbContextOptions<LegacyAppDb> options) : IdentityDbContext<IdentityUser>(options);

/// <summary>
/// A real ASP.NET Core Identity database, created by EF Core (<c>EnsureCreated</c>) and filled through
/// <see cref="UserManager{TUser}"/> as an application would: passwords in v3 and in v2 compatibility mode, confirmed and
/// unconfirmed emails, external logins, an authenticator key with recovery codes, a user locked out for good, a user
/// without email.
/// </summary>
internal static class AspNetIdentityDatabase
{
    public const string AlicePassword = "Alice-Passw0rd!v3";
    public const string BobPassword = "Bob-Passw0rd!v2";
    public const string CarolPassword = "Carol-Passw0rd!v3";

    public static async Task<SeededUsers> CreateAsync(Action<DbContextOptionsBuilder> useDatabase)
    {
        await using (var v3 = Services(useDatabase, PasswordHasherCompatibilityMode.IdentityV3))
        {
            await using var scope = v3.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<LegacyAppDb>().Database.EnsureCreatedAsync();
        }

        var seeded = new SeededUsers();
        await using (var v3 = Services(useDatabase, PasswordHasherCompatibilityMode.IdentityV3))
        {
            await using var scope = v3.CreateAsyncScope();
            var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();

            var alice = new IdentityUser { UserName = "alice", Email = "alice@example.com", EmailConfirmed = true };
            Check(await users.CreateAsync(alice, AlicePassword));
            Check(await users.AddLoginAsync(alice, new UserLoginInfo("Google", "google-sub-123", "Google")));
            Check(await users.AddClaimAsync(alice, new System.Security.Claims.Claim("given_name", "Alice")));
            Check(await users.ResetAuthenticatorKeyAsync(alice));
            Check(await users.SetTwoFactorEnabledAsync(alice, true));
            seeded.AliceAuthenticatorKey = (await users.GetAuthenticatorKeyAsync(alice))!;
            seeded.AliceRecoveryCodes = [.. (await users.GenerateNewTwoFactorRecoveryCodesAsync(alice, 10))!];
            seeded.Alice = alice.Id;

            var carol = new IdentityUser { UserName = "carol", Email = "carol@example.com", EmailConfirmed = true };
            Check(await users.CreateAsync(carol, CarolPassword));
            Check(await users.SetLockoutEnabledAsync(carol, true));
            Check(await users.SetLockoutEndDateAsync(carol, DateTimeOffset.MaxValue));
            seeded.Carol = carol.Id;

            var dave = new IdentityUser { UserName = "dave", Email = "dave@example.com", EmailConfirmed = true };
            Check(await users.CreateAsync(dave));
            Check(await users.AddLoginAsync(dave, new UserLoginInfo("GitHub", "4711", "GitHub")));
            Check(await users.AddLoginAsync(dave, new UserLoginInfo("Google", "google-sub-456", "Google")));
            seeded.Dave = dave.Id;

            var erin = new IdentityUser { UserName = "erin" };
            Check(await users.CreateAsync(erin, "Erin-Passw0rd!"));
            seeded.Erin = erin.Id;
        }

        await using (var v2 = Services(useDatabase, PasswordHasherCompatibilityMode.IdentityV2))
        {
            await using var scope = v2.CreateAsyncScope();
            var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
            var bob = new IdentityUser { UserName = "bob", Email = "bob@example.com", EmailConfirmed = false };
            Check(await users.CreateAsync(bob, BobPassword));
            seeded.Bob = bob.Id;
            seeded.BobHash = bob.PasswordHash!;
        }

        return seeded;
    }

    public static async Task DropAsync(Action<DbContextOptionsBuilder> useDatabase)
    {
        await using var services = Services(useDatabase, PasswordHasherCompatibilityMode.IdentityV3);
        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<LegacyAppDb>().Database.EnsureDeletedAsync();
    }

    private static ServiceProvider Services(Action<DbContextOptionsBuilder> useDatabase, PasswordHasherCompatibilityMode mode)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddDbContext<LegacyAppDb>(useDatabase);
        services.AddIdentityCore<IdentityUser>().AddEntityFrameworkStores<LegacyAppDb>();
        services.Configure<PasswordHasherOptions>(o => o.CompatibilityMode = mode);
        return services.BuildServiceProvider();
    }

    private static void Check(IdentityResult result) =>
        result.Succeeded.Should().BeTrue(string.Join(", ", result.Errors.Select(e => e.Description)));
}

/// <summary>The ids and secrets of the seeded users, to compare with what was imported.</summary>
internal sealed class SeededUsers
{
    public string Alice { get; set; } = string.Empty;
    public string AliceAuthenticatorKey { get; set; } = string.Empty;
    public List<string> AliceRecoveryCodes { get; set; } = [];
    public string Bob { get; set; } = string.Empty;
    public string BobHash { get; set; } = string.Empty;
    public string Carol { get; set; } = string.Empty;
    public string Dave { get; set; } = string.Empty;
    public string Erin { get; set; } = string.Empty;
}
