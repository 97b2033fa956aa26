using BenchmarkDotNet.Attributes;
using Microsoft.AspNetCore.Identity;

namespace Ory.Identity.Benchmarks;

/// <summary>
/// Creating users: Ory.Identity's <see cref="IIdentityManager.CreateAsync"/> (full schema validation, identifier and
/// address derivation, unique insert) against ASP.NET Core Identity's <see cref="UserManager{TUser}.CreateAsync(TUser)"/>
/// (user validation with unique user name and email, normalization, unique insert) over a dictionary store.
/// </summary>
/// <remarks>
/// Each iteration starts from a fresh, empty, warmed-up host and creates <see cref="Ops"/> users with never-used emails
/// in one invocation; inputs (requests, <see cref="IdentityUser"/> objects) are built in the iteration setup, outside
/// the measurement. Reported times are per create.
/// </remarks>
[MemoryDiagnoser]
public class CreateBenchmarks
{
    public const int Ops = 5_000;

    private OryHost? _ory;
    private UserManagerHost? _aspnet;
    private CreateIdentityRequest[] _requests = [];
    private IdentityUser[] _users = [];

    [GlobalSetup(Target = nameof(OryIdentity_CreateAsync))]
    public void WarmOry() => SteadyState.Reach(() =>
    {
        SetupOry();
        OryIdentity_CreateAsync().GetAwaiter().GetResult();
        Cleanup();
    });

    [GlobalSetup(Target = nameof(UserManager_CreateAsync))]
    public void WarmUserManager() => SteadyState.Reach(() =>
    {
        SetupUserManager();
        UserManager_CreateAsync().GetAwaiter().GetResult();
        Cleanup();
    });

    [IterationSetup(Target = nameof(OryIdentity_CreateAsync))]
    public void SetupOry()
    {
        _ory = new OryHost();
        // Warm the fresh host (options validation, first schema evaluation) outside the measurement.
        _ory.Manager.CreateAsync(OryHost.Request(Emails.Fresh(1)[0])).GetAwaiter().GetResult();
        _requests = Array.ConvertAll(Emails.Fresh(Ops), OryHost.Request);
    }

    [IterationSetup(Target = nameof(UserManager_CreateAsync))]
    public void SetupUserManager()
    {
        _aspnet = new UserManagerHost();
        Emails.Check(_aspnet.Users.CreateAsync(UserManagerHost.User(Emails.Fresh(1)[0])).GetAwaiter().GetResult().Succeeded, "warm-up create");
        _users = Array.ConvertAll(Emails.Fresh(Ops), UserManagerHost.User);
    }

    [IterationCleanup]
    public void Cleanup()
    {
        if (_ory is not null)
        {
            Emails.Check(_ory.Store.CountAsync().AsTask().GetAwaiter().GetResult() == Ops + 1, "every Ory.Identity create stored");
            _ory.Dispose();
            _ory = null;
        }

        if (_aspnet is not null)
        {
            Emails.Check(_aspnet.Store.Count == Ops + 1, "every UserManager create stored");
            _aspnet.Dispose();
            _aspnet = null;
        }
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Ops)]
    public async Task UserManager_CreateAsync()
    {
        var users = _aspnet!.Users;
        foreach (var user in _users)
        {
            var result = await users.CreateAsync(user);
            if (!result.Succeeded)
            {
                throw new InvalidOperationException(result.Errors.First().Description);
            }
        }
    }

    [Benchmark(OperationsPerInvoke = Ops)]
    public async Task OryIdentity_CreateAsync()
    {
        var manager = _ory!.Manager;
        foreach (var request in _requests)
        {
            await manager.CreateAsync(request);
        }
    }
}
