using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Ory.Identity.Benchmarks.EntityFramework;

/// <summary>
/// Sets <c>PRAGMA synchronous=NORMAL</c> on every connection EF Core opens, as the Ory.Identity SQLite store does by
/// default in WAL mode (SQLite's own default, FULL, would sync the WAL on every commit and make EF Core look slower).
/// </summary>
public sealed class SqliteSynchronousNormal : DbConnectionInterceptor
{
    private const string Pragma = "PRAGMA synchronous=NORMAL";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Pragma;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = Pragma;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
