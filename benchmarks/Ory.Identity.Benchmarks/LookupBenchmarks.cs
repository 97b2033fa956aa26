using BenchmarkDotNet.Attributes;
using Microsoft.AspNetCore.Identity;
using Ory.Identity.Storage;

namespace Ory.Identity.Benchmarks;

/// <summary>
/// Finding a user by email among <see cref="Users"/>: Ory.Identity's list filter by credential identifier (what
/// Kratos's <c>GET /admin/identities?credentials_identifier=</c> does), its direct lookup
/// <see cref="IIdentityManager.FindByCredentialsIdentifierAsync"/> (of any credential type, and of the password type)
/// and its store's index directly, against
/// <see cref="UserManager{TUser}.FindByEmailAsync"/> over a dictionary store holding the same users.
/// </summary>
/// <remarks>Each call looks up the next of the stored emails in turn (all hits).</remarks>
[MemoryDiagnoser]
public class LookupBenchmarks
{
    public const int Users = 10_000;

    private OryHost _ory = null!;
    private UserManagerHost _aspnet = null!;
    private UserManager<IdentityUser> _userManager = null!;
    private IIdentityManager _manager = null!;
    private IIdentityStore _store = null!;
    private string[] _emails = [];
    private int _next;

    [GlobalSetup]
    public void Setup()
    {
        _emails = Emails.Fresh(Users);
        _ory = new OryHost();
        _aspnet = new UserManagerHost();
        foreach (var email in _emails)
        {
            _ory.Manager.CreateAsync(OryHost.Request(email)).GetAwaiter().GetResult();
            Emails.Check(_aspnet.Users.CreateAsync(UserManagerHost.User(email)).GetAwaiter().GetResult().Succeeded, "UserManager create");
        }

        _userManager = _aspnet.Users;
        _manager = _ory.Manager;
        _store = _ory.Store;

        var probe = _emails[Users / 2];
        Emails.Check(_manager.ListAsync(new IdentityListQuery { CredentialsIdentifier = probe }).GetAwaiter().GetResult().Items.Count == 1, "ListAsync finds the identity");
        Emails.Check(_manager.FindByCredentialsIdentifierAsync(probe).AsTask().GetAwaiter().GetResult() is not null, "FindByCredentialsIdentifierAsync finds the identity");
        Emails.Check(_manager.FindByCredentialsIdentifierAsync(probe, CredentialsType.Password).AsTask().GetAwaiter().GetResult() is not null, "the typed lookup finds the identity");
        Emails.Check(_store.FindByCredentialsIdentifierAsync(CredentialsType.Password, probe).AsTask().GetAwaiter().GetResult() is not null, "the store finds the identity");
        Emails.Check(_userManager.FindByEmailAsync(probe).GetAwaiter().GetResult() is not null, "FindByEmailAsync finds the user");
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _ory.Dispose();
        _aspnet.Dispose();
    }

    private string NextEmail()
    {
        var i = _next + 1;
        _next = i == Users ? 0 : i;
        return _emails[_next];
    }

    [Benchmark(Baseline = true)]
    public Task<IdentityUser?> UserManager_FindByEmailAsync() => _userManager.FindByEmailAsync(NextEmail());

    [Benchmark]
    public Task<IdentityPage> OryIdentity_ListAsync_CredentialsIdentifier() =>
        _manager.ListAsync(new IdentityListQuery { CredentialsIdentifier = NextEmail() });

    [Benchmark]
    public ValueTask<Identity?> OryIdentity_FindByCredentialsIdentifierAsync() =>
        _manager.FindByCredentialsIdentifierAsync(NextEmail());

    [Benchmark]
    public ValueTask<Identity?> OryIdentity_FindByCredentialsIdentifierAsync_Password() =>
        _manager.FindByCredentialsIdentifierAsync(NextEmail(), CredentialsType.Password);

    [Benchmark]
    public ValueTask<Identity?> Store_FindByCredentialsIdentifierAsync() =>
        _store.FindByCredentialsIdentifierAsync(CredentialsType.Password, NextEmail());
}
