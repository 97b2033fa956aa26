using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Ory.Identity.Benchmarks.Anchor;

/// <summary>
/// The database engine both sides of <see cref="AnchorRuns"/> run on, each in a database of its own: Ory.Identity's
/// store for it, and the user store ASP.NET Core Identity users would register on it.
/// </summary>
internal abstract class AnchorEngine : IDisposable
{
    /// <summary>The engine's name on the command line: memory, sqlite or postgres.</summary>
    public abstract string Name { get; }

    /// <summary>Whether the engine runs the whole set (password, page, delete); the in-memory one runs create and find.</summary>
    public virtual bool RunsEveryOperation => true;

    /// <summary>The numbers of concurrent writers creates are measured with.</summary>
    public virtual IReadOnlyList<int> CreateWriters => [1, 2];

    /// <summary>Puts Ory.Identity on the engine's store.</summary>
    public abstract void UseStorage(OryIdentityBuilder builder);

    /// <summary>Registers the user store (and its DbContext) behind <c>AddIdentityCore</c>.</summary>
    public abstract void AddUserStore(IServiceCollection services, IdentityBuilder identity);

    /// <summary>Once both sides are seeded: lets the database finish the seed's background work.</summary>
    public virtual void Settle()
    {
    }

    /// <summary>The floor of a page: the 250 stored documents after the middle id, by a bare SELECT; null when none.</summary>
    public virtual Func<Guid, Task<int>>? BarePage => null;

    /// <summary>The floor of a find: the stored document of one email, by a bare SELECT of the store's statement; null when none.</summary>
    public virtual Func<string, Task<int>>? BareFind => null;

    public static AnchorEngine Create(string name) => name switch
    {
        "memory" => new InMemoryAnchorEngine(),
        "sqlite" => new SqliteAnchorEngine(),
        "postgres" => new PostgreSqlAnchorEngine(),
        _ => throw new ArgumentException($"The engine must be memory, sqlite or postgres, got \"{name}\".", nameof(name)),
    };

    public abstract void Dispose();
}
