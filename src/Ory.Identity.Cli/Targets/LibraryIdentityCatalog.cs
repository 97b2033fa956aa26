using System.Runtime.CompilerServices;

namespace Ory.Identity.Cli.Targets;

/// <summary>The identities of the library's stores, through <see cref="IIdentityManager"/>.</summary>
internal sealed class LibraryIdentityCatalog(IIdentityManager identities) : IIdentityCatalog
{
    // Every type include_credential accepts, and the API keys of machine identities (our extension), so that an export
    // holds every credential with its config.
    private static readonly IReadOnlyList<CredentialsType> AllTypes =
        [.. CredentialsType.IncludableNames.Select(n => new CredentialsType(n)), CredentialsType.ApiKey];

    public async IAsyncEnumerable<byte[]> ListAsync(bool withCredentials, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var query = new IdentityListQuery { IncludeCredentials = withCredentials ? AllTypes : null };
        await foreach (var identity in identities.ListAllAsync(query, cancellationToken).ConfigureAwait(false))
        {
            yield return OryIdentityJson.SerializeToUtf8Bytes(identity);
        }
    }

    public async Task<byte[]?> GetAsync(Guid id, CancellationToken cancellationToken)
    {
        try
        {
            return OryIdentityJson.SerializeToUtf8Bytes(await identities.GetAsync(id, null, cancellationToken).ConfigureAwait(false));
        }
        catch (IdentityNotFoundException)
        {
            return null;
        }
    }

    public async Task<bool> DeleteAsync(Guid id, CancellationToken cancellationToken)
    {
        try
        {
            await identities.DeleteAsync(id, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (IdentityNotFoundException)
        {
            return false;
        }
    }
}
