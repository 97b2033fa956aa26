using Microsoft.Data.Sqlite;

namespace Ory.Identity.Storage.Sqlite.Tests;

/// <summary>
/// Every connection the stores use carries their settings, although they are applied only once per pooled SQLite handle:
/// a reused handle, two handles open at once, and a new handle after the pool was cleared.
/// </summary>
public sealed class SqliteConnectionSettingsTests : IDisposable
{
    private readonly TempDatabase _file = new();

    public void Dispose() => _file.Delete();

    [Fact]
    public async Task Every_connection_has_the_settings_whether_its_handle_is_new_or_reused()
    {
        var options = _file.Options();
        options.BusyTimeout = TimeSpan.FromMilliseconds(4321);
        var database = new SqliteDatabase(options);

        await using (var first = await database.OpenAsync(CancellationToken.None))
        {
            await ShouldHaveTheSettingsAsync(first);
            await using var second = await database.OpenAsync(CancellationToken.None);
            second.Handle.Should().NotBeSameAs(first.Handle);
            await ShouldHaveTheSettingsAsync(second);
        }

        await using (var reused = await database.OpenAsync(CancellationToken.None))
        {
            await ShouldHaveTheSettingsAsync(reused);
            SqliteConnection.ClearPool(reused);
        }

        await using var fresh = await database.OpenAsync(CancellationToken.None);
        await ShouldHaveTheSettingsAsync(fresh);
    }

    private static async Task ShouldHaveTheSettingsAsync(SqliteConnection connection)
    {
        (await PragmaAsync(connection, "busy_timeout")).Should().Be(4321);
        (await PragmaAsync(connection, "foreign_keys")).Should().Be(1);
        (await PragmaAsync(connection, "synchronous")).Should().Be(1, "NORMAL (SQLite's own default is FULL)");
        (await PragmaAsync(connection, "temp_store")).Should().Be(2, "MEMORY: a batch's savepoint journal never spills to a file");
    }

    private static async Task<long> PragmaAsync(SqliteConnection connection, string name)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA " + name;
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
