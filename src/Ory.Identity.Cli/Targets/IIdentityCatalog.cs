namespace Ory.Identity.Cli.Targets;

/// <summary>
/// The identities of a target, read and deleted: Kratos's admin <c>identity</c> JSON (UTF-8), as
/// <c>GET /admin/identities</c> returns it, whether the target is a store or an admin API.
/// </summary>
internal interface IIdentityCatalog
{
    /// <summary>
    /// Every identity, in id order; with <paramref name="withCredentials"/> each carries its credentials with their
    /// <c>config</c> (hashes, provider links, keys) for every type, as <c>include_credential</c> gives them.
    /// </summary>
    IAsyncEnumerable<byte[]> ListAsync(bool withCredentials, CancellationToken cancellationToken);

    /// <summary>One identity (credentials without their config); null when none has this id.</summary>
    Task<byte[]?> GetAsync(Guid id, CancellationToken cancellationToken);

    /// <summary>Deletes one identity; false when none had this id.</summary>
    Task<bool> DeleteAsync(Guid id, CancellationToken cancellationToken);
}
