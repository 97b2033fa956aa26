using System.Data.Common;
using System.Runtime.CompilerServices;

namespace Ory.Identity.Cli.Sources.AspNetIdentity;

/// <summary>
/// Reads the tables EF Core creates for ASP.NET Core Identity (<c>AspNetUsers</c>, <c>AspNetUserClaims</c>,
/// <c>AspNetUserLogins</c>, <c>AspNetUserTokens</c>) from SQLite or PostgreSQL, one user at a time: each table is read
/// once, ordered by user id, on its own connection, and merged, so memory stays flat however many users there are.
/// </summary>
internal sealed class AspNetIdentityReader(Func<DbConnection> connect, bool postgres)
{
    /// <summary>The AspNetUsers columns the mapping needs; a table without them cannot be imported.</summary>
    public static readonly IReadOnlyList<string> RequiredColumns =
        ["Id", "Email", "EmailConfirmed", "PasswordHash", "LockoutEnd", "LockoutEnabled", "TwoFactorEnabled"];

    // PostgreSQL orders text by the database's collation unless told; the merge needs byte order on every table.
    private string OrderBy(string column) => postgres ? $"\"{column}\" COLLATE \"C\"" : $"\"{column}\"";

    public async Task<long> CountAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM \"AspNetUsers\"";
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);
    }

    public async IAsyncEnumerable<AspNetIdentityUser> ReadAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var users = await QueryAsync($"SELECT * FROM \"AspNetUsers\" ORDER BY {OrderBy("Id")}", cancellationToken, merged: false).ConfigureAwait(false);
        var names = Enumerable.Range(0, users.Reader.FieldCount).Select(users.Reader.GetName).ToList();
        var missing = RequiredColumns.Where(c => !names.Contains(c, StringComparer.Ordinal)).ToList();
        if (missing.Count > 0)
        {
            throw new SourceFormatException($"AspNetUsers has no column {string.Join(", ", missing)}: not a table EF Core created for ASP.NET Core Identity.");
        }

        await using var claims = await QueryAsync($"SELECT \"UserId\", \"ClaimType\", \"ClaimValue\" FROM \"AspNetUserClaims\" ORDER BY {OrderBy("UserId")}, \"Id\"", cancellationToken).ConfigureAwait(false);
        await using var logins = await QueryAsync($"SELECT \"UserId\", \"LoginProvider\", \"ProviderKey\" FROM \"AspNetUserLogins\" ORDER BY {OrderBy("UserId")}, {OrderBy("LoginProvider")}, {OrderBy("ProviderKey")}", cancellationToken).ConfigureAwait(false);
        await using var tokens = await QueryAsync($"SELECT \"UserId\", \"Name\", \"Value\" FROM \"AspNetUserTokens\" WHERE \"LoginProvider\" = '[AspNetUserStore]' ORDER BY {OrderBy("UserId")}", cancellationToken).ConfigureAwait(false);

        while (await users.Reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var columns = new Dictionary<string, object?>(names.Count, StringComparer.Ordinal);
            for (var i = 0; i < names.Count; i++)
            {
                columns[names[i]] = users.Reader.IsDBNull(i) ? null : users.Reader.GetValue(i);
            }

            var user = new AspNetIdentityUser(Convert.ToString(columns["Id"], System.Globalization.CultureInfo.InvariantCulture)!, columns);
            await claims.ForUserAsync(user.Id, r => user.Claims.Add((r.GetString(1), r.IsDBNull(2) ? string.Empty : r.GetString(2))), cancellationToken).ConfigureAwait(false);
            await logins.ForUserAsync(user.Id, r => user.Logins.Add((r.GetString(1), r.GetString(2))), cancellationToken).ConfigureAwait(false);
            await tokens.ForUserAsync(user.Id, r => user.Tokens[r.GetString(1)] = r.IsDBNull(2) ? string.Empty : r.GetString(2), cancellationToken).ConfigureAwait(false);
            yield return user;
        }
    }

    private async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = connect();
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch (DbException e)
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw new SourceFormatException("The ASP.NET Core Identity database cannot be opened: " + e.Message, e);
        }
    }

    // A merged table's reader is moved to its first row at once; the users' reader is stepped by the caller.
    private async Task<OrderedRows> QueryAsync(string sql, CancellationToken cancellationToken, bool merged = true)
    {
        var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var command = connection.CreateCommand();
            command.CommandText = sql;
            var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            var rows = new OrderedRows(connection, command, reader);
            if (merged)
            {
                await rows.MoveAsync(cancellationToken).ConfigureAwait(false);
            }

            return rows;
        }
        catch (DbException e)
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw new SourceFormatException("The ASP.NET Core Identity tables cannot be read: " + e.Message, e);
        }
    }

    /// <summary>A reader over rows ordered by user id (column 0), consumed user by user.</summary>
    private sealed class OrderedRows(DbConnection connection, DbCommand command, DbDataReader reader) : IAsyncDisposable
    {
        private bool _hasRow;

        public DbDataReader Reader => reader;

        public async Task MoveAsync(CancellationToken cancellationToken) =>
            _hasRow = await reader.ReadAsync(cancellationToken).ConfigureAwait(false);

        /// <summary>Hands every row of <paramref name="userId"/> to <paramref name="add"/>, passing over rows of users that sort before it (orphans).</summary>
        public async Task ForUserAsync(string userId, Action<DbDataReader> add, CancellationToken cancellationToken)
        {
            while (_hasRow)
            {
                var order = string.CompareOrdinal(reader.GetString(0), userId);
                if (order > 0)
                {
                    return;
                }

                if (order == 0)
                {
                    add(reader);
                }

                await MoveAsync(cancellationToken).ConfigureAwait(false);
            }
        }

        public async ValueTask DisposeAsync()
        {
            await reader.DisposeAsync().ConfigureAwait(false);
            await command.DisposeAsync().ConfigureAwait(false);
            await connection.DisposeAsync().ConfigureAwait(false);
        }
    }
}
