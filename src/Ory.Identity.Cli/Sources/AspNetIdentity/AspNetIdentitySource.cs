using System.Runtime.CompilerServices;
using Ory.Identity.Cli.Import;

namespace Ory.Identity.Cli.Sources.AspNetIdentity;

/// <summary>The users of an ASP.NET Core Identity database, each mapped to a Kratos create body.</summary>
internal sealed class AspNetIdentitySource(AspNetIdentityReader reader, AspNetIdentityMapping mapping) : IImportSource
{
    private long _total;
    private long _read;

    public double? Fraction => _total > 0 ? (double)_read / _total : null;

    public async IAsyncEnumerable<ImportItem> ReadAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        _total = await reader.CountAsync(cancellationToken).ConfigureAwait(false);
        await foreach (var user in reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            _read++;
            yield return AspNetIdentityUserMapper.Map(user, mapping);
        }
    }
}
