using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Ory.Identity.Benchmarks.EntityFramework;
using Ory.Identity.Storage;

namespace Ory.Identity.Benchmarks;

/// <summary>
/// Ory.Identity on a SQL store beside the EF Core code a user would write instead, on the same database engine, in one
/// run: create one identity, look one up by its email among <see cref="Seeded"/>, read a page of <see cref="PageSize"/>
/// from the middle of the table (keyset), and import <see cref="Imported"/> identities with pre-hashed bcrypt passwords in
/// batches of <see cref="BatchSize"/>. The lookup group's baseline is a bare <c>SELECT document … WHERE id = @id</c> by
/// primary key on the store's own table; beside it the same SELECT plus turning the document into an
/// <see cref="Identity"/>, which every store lookup does too.
/// </summary>
/// <remarks>
/// Each side gets a database of its own, filled with <see cref="Seeded"/> identities in the global setup (through its
/// own batch path: <see cref="IIdentityManager.CreateManyAsync"/>, or AddRange and SaveChanges). Creates and imports add
/// to that table as the benchmark runs. Times of the import group are per identity.
/// </remarks>
[MemoryDiagnoser]
[MedianColumn]
[CategoriesColumn]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
public abstract class StorageBenchmarks
{
    public const int Seeded = 100_000;
    public const int PageSize = 250;
    public const int Imported = 10_000;
    public const int BatchSize = 1_000;

    // Consecutive lookups visit identities this far apart, so they do not read the same index pages.
    private const int Stride = 7_919;

    private OryHost? _ory;
    private PooledDbContextFactory<EfIdentityContext>? _ef;
    private string[] _emails = [];
    private Guid[] _ids = [];
    private string _oryMiddle = "";
    private Guid _efMiddle;
    private int _next;
    private CreateIdentityRequest[][] _oryBatches = [];
    private EfIdentity[][] _efBatches = [];

    /// <summary>Creates the side's empty database (a throwaway server or file; called once per setup).</summary>
    protected abstract void CreateDatabase();

    /// <summary>Drops what <see cref="CreateDatabase"/> made.</summary>
    protected abstract void DropDatabase();

    /// <summary>Puts Ory.Identity on the store under test, in the database made by <see cref="CreateDatabase"/>.</summary>
    protected abstract void UseStorage(OryIdentityBuilder builder);

    /// <summary>EF Core's options for the database made by <see cref="CreateDatabase"/>.</summary>
    protected abstract DbContextOptions<EfIdentityContext> EfOptions();

    /// <summary>The store's own identity document by primary key, with the bare driver: the lookup baseline.</summary>
    protected abstract Task<string?> SelectDocumentAsync(Guid id);

    /// <summary>
    /// Called once the seed is in, before anything is measured: lets the database finish the background work the seed
    /// caused (statistics, vacuum, checkpoint), so that it does not land on whichever benchmark runs first.
    /// </summary>
    protected virtual void Settle()
    {
    }

    [GlobalSetup(Targets = [nameof(Ory_CreateAsync), nameof(Ory_ListAsync_CredentialsIdentifier), nameof(Ory_Store_FindByCredentialsIdentifierAsync),
        nameof(Bare_Select_ByPrimaryKey), nameof(Bare_Select_ByPrimaryKey_Deserialize), nameof(Ory_ListAsync_Page), nameof(Ory_ListAsync_Page_Serialized), nameof(Ory_ListJsonAsync_Page), nameof(Ory_CreateManyAsync)])]
    public void SetupOry()
    {
        CreateDatabase();
        _ory = new OryHost(UseStorage);
        _emails = Emails.Fresh(Seeded);
        var ids = new List<Guid>(Seeded);
        foreach (var batch in _emails.Chunk(BatchSize))
        {
            var result = _ory.Manager.CreateManyAsync(Array.ConvertAll(batch, email => OryHost.ImportRequest(email, ImportBenchmarks.Hash)))
                .GetAwaiter().GetResult();
            ids.AddRange(result.Identities.Select(r => r?.Identity ?? throw new InvalidOperationException("Benchmark setup: a seed item was refused.")));
        }

        _ids = [.. ids];
        ids.Sort(GuidOrder.Instance);
        _oryMiddle = ids[Seeded / 2].ToString("D");

        var probe = _emails[Seeded / 3];
        Emails.Check(Ory_ListAsync_CredentialsIdentifier(probe).GetAwaiter().GetResult().Items.Count == 1, "ListAsync finds the identity");
        Emails.Check(_ory.Store.FindByCredentialsIdentifierAsync(CredentialsType.Password, probe).AsTask().GetAwaiter().GetResult() is not null, "the store finds the identity");
        Emails.Check(SelectDocumentAsync(_ids[Seeded / 3]).GetAwaiter().GetResult() is not null, "the bare SELECT finds the identity");
        Emails.Check(Ory_ListAsync_Page().GetAwaiter().GetResult().Items.Count == PageSize, "a full page from the middle");
        Settle();
    }

    [GlobalSetup(Targets = [nameof(Ef_SaveChanges), nameof(Ef_Lookup_ByIdentifier), nameof(Ef_Page_Keyset), nameof(Ef_AddRange_SaveChanges)])]
    public void SetupEf()
    {
        CreateDatabase();
        _ef = new PooledDbContextFactory<EfIdentityContext>(EfOptions());
        using (var db = _ef.CreateDbContext())
        {
            db.Database.EnsureCreated();
        }

        _emails = Emails.Fresh(Seeded);
        foreach (var batch in _emails.Chunk(BatchSize))
        {
            using var db = _ef.CreateDbContext();
            db.Identities.AddRange(batch.Select(email => EfIdentity.ForEmail(email, ImportBenchmarks.Hash)));
            db.SaveChanges();
        }

        using (var db = _ef.CreateDbContext())
        {
            _efMiddle = db.Identities.OrderBy(i => i.Id).Skip(Seeded / 2).Select(i => i.Id).First();
        }

        Emails.Check(Ef_Lookup_ByIdentifier(_emails[Seeded / 3]).GetAwaiter().GetResult() is not null, "EF Core finds the identity");
        Emails.Check(Ef_Page_Keyset().GetAwaiter().GetResult().Count == PageSize, "a full page from the middle");
        Settle();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _ory?.Dispose();
        _ory = null;
        _ef = null;
        DropDatabase();
    }

    [IterationSetup(Target = nameof(Ory_CreateManyAsync))]
    public void SetupOryImport() =>
        _oryBatches = [.. Emails.Fresh(Imported).Chunk(BatchSize).Select(b => Array.ConvertAll(b, email => OryHost.ImportRequest(email, ImportBenchmarks.Hash)))];

    [IterationSetup(Target = nameof(Ef_AddRange_SaveChanges))]
    public void SetupEfImport() =>
        _efBatches = [.. Emails.Fresh(Imported).Chunk(BatchSize).Select(b => Array.ConvertAll(b, email => EfIdentity.ForEmail(email, ImportBenchmarks.Hash)))];

    private int Next()
    {
        _next = (_next + Stride) % Seeded;
        return _next;
    }

    // Create one identity (the quickstart schema's email, no password).

    [Benchmark(Baseline = true), BenchmarkCategory("Create")]
    public async Task Ef_SaveChanges()
    {
        await using var db = _ef!.CreateDbContext();
        db.Identities.Add(EfIdentity.ForEmail(Emails.Fresh(1)[0], passwordHash: null));
        await db.SaveChangesAsync();
    }

    [Benchmark, BenchmarkCategory("Create")]
    public Task<Identity> Ory_CreateAsync() => _ory!.Manager.CreateAsync(OryHost.Request(Emails.Fresh(1)[0]));

    // Look one identity up by its email.

    [Benchmark(Baseline = true), BenchmarkCategory("Lookup")]
    public Task<string?> Bare_Select_ByPrimaryKey() => SelectDocumentAsync(_ids[Next()]);

    [Benchmark, BenchmarkCategory("Lookup")]
    public async Task<Identity?> Bare_Select_ByPrimaryKey_Deserialize() =>
        await SelectDocumentAsync(_ids[Next()]) is { } document ? OryIdentityJson.Deserialize<Identity>(document) : null;

    [Benchmark, BenchmarkCategory("Lookup")]
    public Task<IdentityPage> Ory_ListAsync_CredentialsIdentifier() => Ory_ListAsync_CredentialsIdentifier(_emails[Next()]);

    [Benchmark, BenchmarkCategory("Lookup")]
    public ValueTask<Identity?> Ory_Store_FindByCredentialsIdentifierAsync() =>
        _ory!.Store.FindByCredentialsIdentifierAsync(CredentialsType.Password, _emails[Next()]);

    [Benchmark, BenchmarkCategory("Lookup")]
    public Task<EfIdentity?> Ef_Lookup_ByIdentifier() => Ef_Lookup_ByIdentifier(_emails[Next()]);

    private Task<IdentityPage> Ory_ListAsync_CredentialsIdentifier(string email) =>
        _ory!.Manager.ListAsync(new IdentityListQuery { CredentialsIdentifier = email });

    private async Task<EfIdentity?> Ef_Lookup_ByIdentifier(string email)
    {
        await using var db = _ef!.CreateDbContext();
        return await db.CredentialIdentifiers.AsNoTracking()
            .Where(c => c.Type == "password" && c.Identifier == email)
            .Select(c => c.Identity)
            .FirstOrDefaultAsync();
    }

    // A page of 250 from the middle of the table.

    [Benchmark(Baseline = true), BenchmarkCategory("Page")]
    public async Task<List<EfIdentity>> Ef_Page_Keyset()
    {
        await using var db = _ef!.CreateDbContext();
        var after = _efMiddle;
        return await db.Identities.AsNoTracking().Where(i => i.Id.CompareTo(after) > 0).OrderBy(i => i.Id).Take(PageSize).ToListAsync();
    }

    [Benchmark, BenchmarkCategory("Page")]
    public Task<IdentityPage> Ory_ListAsync_Page() =>
        _ory!.Manager.ListAsync(new IdentityListQuery { PageToken = _oryMiddle, PageSize = PageSize });

    // The same page as the JSON array GET /admin/identities answers: through the model (ListAsync, then serialized, as
    // before the JSON listing) and written from the stored documents (ListJsonAsync).

    [Benchmark, BenchmarkCategory("Page")]
    public async Task<byte[]> Ory_ListAsync_Page_Serialized() =>
        OryIdentityJson.SerializeToUtf8Bytes((await Ory_ListAsync_Page()).Items);

    [Benchmark, BenchmarkCategory("Page")]
    public Task<IdentityJsonPage> Ory_ListJsonAsync_Page() =>
        _ory!.Manager.ListJsonAsync(new IdentityListQuery { PageToken = _oryMiddle, PageSize = PageSize });

    // Import 10,000 identities with pre-hashed passwords, 1,000 per call; times are per identity.

    [Benchmark(Baseline = true, OperationsPerInvoke = Imported), BenchmarkCategory("Import")]
    public async Task Ef_AddRange_SaveChanges()
    {
        foreach (var batch in _efBatches)
        {
            await using var db = _ef!.CreateDbContext();
            db.Identities.AddRange(batch);
            await db.SaveChangesAsync();
        }
    }

    [Benchmark(OperationsPerInvoke = Imported), BenchmarkCategory("Import")]
    public async Task Ory_CreateManyAsync()
    {
        foreach (var batch in _oryBatches)
        {
            var result = await _ory!.Manager.CreateManyAsync(batch);
            Emails.Check(result.Identities.All(r => r is { Succeeded: true }), "every batch item created");
        }
    }
}
