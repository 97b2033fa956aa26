using System.Collections.Concurrent;
using Microsoft.AspNetCore.Identity;

namespace Ory.Identity.Benchmarks;

/// <summary>
/// A minimal in-memory <see cref="IUserEmailStore{TUser}"/>: users by id, plus unique indexes by normalized user name
/// and by normalized email (O(1) FindByNameAsync and FindByEmailAsync). Like Ory.Identity's store, it enforces
/// uniqueness atomically on insert and writes nothing on a conflict.
/// </summary>
internal sealed class DictionaryUserStore : IUserEmailStore<IdentityUser>
{
    private static readonly IdentityErrorDescriber Describer = new();

    private readonly ConcurrentDictionary<string, IdentityUser> _byId = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, IdentityUser> _byName = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, IdentityUser> _byEmail = new(StringComparer.Ordinal);

    public int Count => _byId.Count;

    public Task<IdentityResult> CreateAsync(IdentityUser user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        var name = user.NormalizedUserName ?? throw new InvalidOperationException("No normalized user name.");
        if (!_byName.TryAdd(name, user))
        {
            return Task.FromResult(IdentityResult.Failed(Describer.DuplicateUserName(user.UserName ?? name)));
        }

        if (user.NormalizedEmail is { } email && !_byEmail.TryAdd(email, user))
        {
            _byName.TryRemove(name, out _);
            return Task.FromResult(IdentityResult.Failed(Describer.DuplicateEmail(user.Email ?? email)));
        }

        if (!_byId.TryAdd(user.Id, user))
        {
            _byName.TryRemove(name, out _);
            if (user.NormalizedEmail is { } added)
            {
                _byEmail.TryRemove(added, out _);
            }

            return Task.FromResult(IdentityResult.Failed(Describer.ConcurrencyFailure()));
        }

        return Task.FromResult(IdentityResult.Success);
    }

    public Task<IdentityResult> UpdateAsync(IdentityUser user, CancellationToken cancellationToken) =>
        throw new NotSupportedException("Not needed by the benchmarks.");

    public Task<IdentityResult> DeleteAsync(IdentityUser user, CancellationToken cancellationToken) =>
        throw new NotSupportedException("Not needed by the benchmarks.");

    public Task<IdentityUser?> FindByIdAsync(string userId, CancellationToken cancellationToken) =>
        Task.FromResult(_byId.GetValueOrDefault(userId));

    public Task<IdentityUser?> FindByNameAsync(string normalizedUserName, CancellationToken cancellationToken) =>
        Task.FromResult(_byName.GetValueOrDefault(normalizedUserName));

    public Task<IdentityUser?> FindByEmailAsync(string normalizedEmail, CancellationToken cancellationToken) =>
        Task.FromResult(_byEmail.GetValueOrDefault(normalizedEmail));

    public Task<string> GetUserIdAsync(IdentityUser user, CancellationToken cancellationToken) => Task.FromResult(user.Id);

    public Task<string?> GetUserNameAsync(IdentityUser user, CancellationToken cancellationToken) => Task.FromResult(user.UserName);

    public Task SetUserNameAsync(IdentityUser user, string? userName, CancellationToken cancellationToken)
    {
        user.UserName = userName;
        return Task.CompletedTask;
    }

    public Task<string?> GetNormalizedUserNameAsync(IdentityUser user, CancellationToken cancellationToken) =>
        Task.FromResult(user.NormalizedUserName);

    public Task SetNormalizedUserNameAsync(IdentityUser user, string? normalizedName, CancellationToken cancellationToken)
    {
        user.NormalizedUserName = normalizedName;
        return Task.CompletedTask;
    }

    public Task SetEmailAsync(IdentityUser user, string? email, CancellationToken cancellationToken)
    {
        user.Email = email;
        return Task.CompletedTask;
    }

    public Task<string?> GetEmailAsync(IdentityUser user, CancellationToken cancellationToken) => Task.FromResult(user.Email);

    public Task<bool> GetEmailConfirmedAsync(IdentityUser user, CancellationToken cancellationToken) =>
        Task.FromResult(user.EmailConfirmed);

    public Task SetEmailConfirmedAsync(IdentityUser user, bool confirmed, CancellationToken cancellationToken)
    {
        user.EmailConfirmed = confirmed;
        return Task.CompletedTask;
    }

    public Task<string?> GetNormalizedEmailAsync(IdentityUser user, CancellationToken cancellationToken) =>
        Task.FromResult(user.NormalizedEmail);

    public Task SetNormalizedEmailAsync(IdentityUser user, string? normalizedEmail, CancellationToken cancellationToken)
    {
        user.NormalizedEmail = normalizedEmail;
        return Task.CompletedTask;
    }

    public void Dispose()
    {
    }
}
