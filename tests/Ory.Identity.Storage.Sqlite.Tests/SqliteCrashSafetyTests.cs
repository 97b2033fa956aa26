using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Ory.Identity.Storage.Sqlite.Tests;

/// <summary>
/// Kills a process in the middle of importing identities into the file and checks what it leaves: a database that opens,
/// passes <c>integrity_check</c> and <c>foreign_key_check</c>, holds every batch it reported committed, holds no part
/// of a batch it did not, and whose every identity row is whole (its document deserializes and its index rows are
/// exactly those of the document).
/// </summary>
public sealed class SqliteCrashSafetyTests : IDisposable
{
    private const int BatchSize = 50;
    private const int KillAfter = 1_500; // identities reported committed

    private readonly TempDatabase _database = new();

    public void Dispose() => _database.Delete();

    [Fact]
    public async Task A_writer_killed_mid_import_leaves_a_whole_database()
    {
        await SqliteStorageMigrator.MigrateAsync(_database.ConnectionString);
        var committed = await RunWriterAndKillAsync();

        await using var connection = new SqliteConnection($"Data Source={_database.Path};Pooling=False");
        await connection.OpenAsync();
        (await ScalarsAsync(connection, "PRAGMA integrity_check")).Should().Equal("ok");
        (await ScalarsAsync(connection, "PRAGMA foreign_key_check")).Should().BeEmpty();

        var count = (long)(await ScalarsAsync(connection, "SELECT count(*) FROM identities"))[0];
        count.Should().BeGreaterThanOrEqualTo(committed, "every batch reported committed survives the kill");
        (count % BatchSize).Should().Be(0, "a batch is one transaction: none is half written");

        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, external_id, organization_id, schema_id, document FROM identities";
        await using var reader = await command.ExecuteReaderAsync();
        var checkedRows = 0;
        while (await reader.ReadAsync())
        {
            var id = new Guid(reader.GetFieldValue<byte[]>(0), bigEndian: true);
            var identity = OryIdentityJson.Deserialize<Identity>(reader.GetString(4));
            identity.Id.Should().Be(id);
            reader.GetString(1).Should().Be(identity.ExternalId);
            (reader.IsDBNull(2) ? (Guid?)null : new Guid(reader.GetFieldValue<byte[]>(2), bigEndian: true)).Should().Be(identity.OrganizationId);
            reader.GetString(3).Should().Be(identity.SchemaId);

            var rows = IdentityUniqueValues.Of(identity);
            (await PairsAsync(connection, "SELECT type, identifier FROM identity_credential_identifiers WHERE identity_id = @id", id))
                .Should().BeEquivalentTo(rows.Credentials);
            (await PairsAsync(connection, "SELECT via, value FROM identity_verifiable_addresses WHERE identity_id = @id", id))
                .Should().BeEquivalentTo(rows.Verifiable);
            (await PairsAsync(connection, "SELECT via, value FROM identity_recovery_addresses WHERE identity_id = @id", id))
                .Should().BeEquivalentTo(rows.Recovery);
            checkedRows++;
        }

        checkedRows.Should().Be((int)count);
        var store = new SqliteIdentityStore(_database.Options());
        (await store.CountAsync()).Should().Be(count);
        await store.InsertAsync(Ory.Identity.Storage.Specification.IdentityStoreTestData.NewIdentity());
    }

    /// <summary>Runs the crash writer until it reports <see cref="KillAfter"/> identities, kills it, returns what it reported.</summary>
    private async Task<int> RunWriterAndKillAsync()
    {
        var writerDll = Path.Combine(AppContext.BaseDirectory, "Ory.Identity.Storage.Sqlite.CrashWriter.dll");
        File.Exists(writerDll).Should().BeTrue();
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(writerDll);
        start.ArgumentList.Add(_database.ConnectionString);
        start.ArgumentList.Add(BatchSize.ToString(CultureInfo.InvariantCulture));

        using var process = Process.Start(start)!;
        var committed = 0;
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            while (committed < KillAfter)
            {
                var line = await process.StandardOutput.ReadLineAsync(timeout.Token);
                if (line is null)
                {
                    var error = await process.StandardError.ReadToEndAsync(timeout.Token);
                    throw new InvalidOperationException($"The crash writer exited before it was killed: {error}");
                }

                committed = int.Parse(line["committed ".Length..], CultureInfo.InvariantCulture);
            }
        }
        finally
        {
            process.Kill(entireProcessTree: true); // SIGKILL: no cleanup, no checkpoint, mid-transaction.
            await process.WaitForExitAsync();
        }

        return committed;
    }

    private static async Task<List<object>> ScalarsAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var values = new List<object>();
        while (await reader.ReadAsync())
        {
            values.Add(reader.GetValue(0));
        }

        return values;
    }

    private static async Task<List<(string, string)>> PairsAsync(SqliteConnection connection, string sql, Guid id)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("@id", id.ToByteArray(bigEndian: true));
        await using var reader = await command.ExecuteReaderAsync();
        var pairs = new List<(string, string)>();
        while (await reader.ReadAsync())
        {
            pairs.Add((reader.GetString(0), reader.GetString(1)));
        }

        return pairs;
    }
}
