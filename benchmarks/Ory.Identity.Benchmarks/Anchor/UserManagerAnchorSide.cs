using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Ory.Identity.Benchmarks.Anchor;

/// <summary>
/// ASP.NET Core Identity's <see cref="UserManager{TUser}"/> as an app registers it: <c>AddIdentityCore&lt;IdentityUser&gt;</c>
/// (unique emails required) over the engine's user store (<c>AddEntityFrameworkStores&lt;IdentityDbContext&gt;</c> on
/// the SQL engines), a scope — and so a <see cref="UserManager{TUser}"/> and a DbContext — per operation.
/// </summary>
internal sealed class UserManagerAnchorSide : IAnchorSide
{
    private readonly ServiceProvider _provider;
    private string _middle = "";

    public UserManagerAnchorSide(AnchorEngine engine)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        var identity = services.AddIdentityCore<IdentityUser>(o => o.User.RequireUniqueEmail = true);
        engine.AddUserStore(services, identity);
        _provider = services.BuildServiceProvider();
    }

    public string Name => "UserManager";

    /// <summary>
    /// Seeds these users, each with the same PBKDF2 hash of <see cref="AnchorRuns.Password"/> (the default
    /// <see cref="PasswordHasher{TUser}"/>), straight through the <see cref="IdentityDbContext"/> in batches of 1,000
    /// (UserManager has no batch create); on the in-memory engine, without passwords through
    /// <see cref="UserManager{TUser}.CreateAsync(TUser)"/>.
    /// </summary>
    public void Seed(IReadOnlyList<string> emails)
    {
        using var scope = _provider.CreateScope();
        if (scope.ServiceProvider.GetService<IdentityDbContext>() is null)
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
            foreach (var email in emails)
            {
                Emails.Check(users.CreateAsync(new IdentityUser { UserName = email, Email = email }).GetAwaiter().GetResult().Succeeded, "seed user created");
            }

            return;
        }

        var normalizer = scope.ServiceProvider.GetRequiredService<ILookupNormalizer>();
        var hash = scope.ServiceProvider.GetRequiredService<IPasswordHasher<IdentityUser>>().HashPassword(new IdentityUser(), AnchorRuns.Password);
        var db = scope.ServiceProvider.GetRequiredService<IdentityDbContext>();
        db.Database.EnsureCreated();
        foreach (var batch in emails.Chunk(1_000))
        {
            db.Users.AddRange(batch.Select(email => new IdentityUser
            {
                UserName = email,
                NormalizedUserName = normalizer.NormalizeName(email),
                Email = email,
                NormalizedEmail = normalizer.NormalizeEmail(email),
                PasswordHash = hash,
                SecurityStamp = Guid.NewGuid().ToString("N").ToUpperInvariant(),
            }));
            db.SaveChanges();
            db.ChangeTracker.Clear();
        }

        _middle = db.Users.OrderBy(u => u.Id).Skip(emails.Count / 2).Select(u => u.Id).First();
    }

    public async Task<string> CreateAsync(string email)
    {
        await using var scope = _provider.CreateAsyncScope();
        var user = new IdentityUser { UserName = email, Email = email };
        var result = await scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>().CreateAsync(user);
        Emails.Check(result.Succeeded, "UserManager.CreateAsync succeeds");
        return user.Id;
    }

    public async Task FindByEmailAsync(string email)
    {
        await using var scope = _provider.CreateAsyncScope();
        Emails.Check(await scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>().FindByEmailAsync(email) is not null,
            "FindByEmailAsync finds the user");
    }

    public async Task VerifyPasswordAsync(string email)
    {
        await using var scope = _provider.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        var user = await users.FindByEmailAsync(email) ?? throw new InvalidOperationException("FindByEmailAsync found no user.");
        Emails.Check(await users.CheckPasswordAsync(user, AnchorRuns.Password), "CheckPasswordAsync accepts the password");
    }

    public async Task ReadPageAsync()
    {
        await using var scope = _provider.CreateAsyncScope();
        var after = _middle;
        // Keyset: EF Core translates string.Compare(a, b) > 0 to "Id" > @after; it has no translation of the ordinal overload.
#pragma warning disable CA1309
        var page = await scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>().Users.AsNoTracking()
            .Where(u => string.Compare(u.Id, after) > 0).OrderBy(u => u.Id).Take(AnchorRuns.PageSize).ToListAsync();
#pragma warning restore CA1309
        Emails.Check(page.Count == AnchorRuns.PageSize, "a full page from the middle");
    }

    public async Task DeleteAsync(string id)
    {
        await using var scope = _provider.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        var user = await users.FindByIdAsync(id) ?? throw new InvalidOperationException("FindByIdAsync found no user.");
        Emails.Check((await users.DeleteAsync(user)).Succeeded, "UserManager.DeleteAsync succeeds");
    }

    public void Dispose() => _provider.Dispose();
}
