using Microsoft.Data.Sqlite;

namespace Ory.Identity.Storage.Sqlite;

/// <summary>
/// Writes identities and their index rows inside one write transaction, through commands prepared once per transaction.
/// Each write runs under a savepoint: a refused write leaves nothing, and its conflict is named by querying which value
/// of the identity another identity holds (the unique constraints decide; the query only names the clash).
/// </summary>
internal sealed class IdentityWriter : IDisposable
{
    private const string Savepoint = "identity_write";

    private readonly SqliteConnection _connection;
    private readonly SqliteTransaction _transaction;
    private SqliteCommand? _insertIdentity;
    private SqliteCommand? _updateIdentity;
    private SqliteCommand? _deleteRows;
    private SqliteCommand? _insertCredential;
    private SqliteCommand? _insertVerifiable;
    private SqliteCommand? _insertRecovery;
    private SqliteCommand? _savepoint;
    private SqliteCommand? _release;
    private SqliteCommand? _rollbackToSavepoint;

    public IdentityWriter(SqliteConnection connection, SqliteTransaction transaction)
    {
        _connection = connection;
        _transaction = transaction;
    }

    /// <summary>Inserts a new identity; returns the conflict that refused it, or null.</summary>
    /// <exception cref="InvalidOperationException">The id is stored already.</exception>
    public ValueTask<IdentityConflict?> TryInsertAsync(Identity identity, IdentityUniqueValues rows, CancellationToken cancellationToken) =>
        InSavepointAsync(identity, rows, id => InsertIdentityRowAsync(id, identity, cancellationToken), cancellationToken);

    /// <summary>
    /// Inserts a new identity as the transaction's only write, without a savepoint (two statements fewer per create);
    /// returns the conflict that refused it, or null. After a conflict part of the identity may be written: the caller
    /// rolls the whole transaction back. The conflict is named inside the transaction, as <see cref="TryInsertAsync"/>
    /// names it after its savepoint's rollback: the naming queries skip this identity's own rows
    /// (<c>identity_id &lt;&gt; @self</c>), so both see the same rows of other identities and name the same value.
    /// </summary>
    /// <exception cref="InvalidOperationException">The id is stored already.</exception>
    public async ValueTask<IdentityConflict?> TryInsertOnlyAsync(Identity identity, IdentityUniqueValues rows, CancellationToken cancellationToken)
    {
        try
        {
            await InsertWithoutSavepointAsync(identity, rows, cancellationToken).ConfigureAwait(false);
            return null;
        }
        catch (SqliteException e) when (e.SqliteErrorCode == SqliteValues.SqliteConstraint)
        {
            return await ConflictOfAsync(e, identity.Id, rows, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Inserts a new identity and its index rows without a savepoint: a <see cref="SqliteException"/> (a unique constraint,
    /// say) may leave part of it written, so the caller must roll the whole transaction back then.
    /// </summary>
    public async ValueTask InsertWithoutSavepointAsync(Identity identity, IdentityUniqueValues rows, CancellationToken cancellationToken)
    {
        var id = SqliteValues.Blob(identity.Id);
        await InsertIdentityRowAsync(id, identity, cancellationToken).ConfigureAwait(false);
        await InsertRowsAsync(id, rows, cancellationToken).ConfigureAwait(false);
    }

    private async Task InsertIdentityRowAsync(byte[] id, Identity identity, CancellationToken cancellationToken)
    {
        var insert = _insertIdentity ??= Command(
            "INSERT INTO identities (id, external_id, organization_id, schema_id, version, document) " +
            "VALUES (@id, @external_id, @organization_id, @schema_id, 0, @document)",
            "@id", "@external_id", "@organization_id", "@schema_id", "@document");
        SetIdentity(insert, id, identity);
        await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Replaces a stored identity and its index rows; returns the conflict that refused it, or null.</summary>
    public ValueTask<IdentityConflict?> TryReplaceAsync(Identity identity, IdentityUniqueValues rows, CancellationToken cancellationToken) =>
        InSavepointAsync(identity, rows, async id =>
        {
            var update = _updateIdentity ??= Command(
                "UPDATE identities SET external_id = @external_id, organization_id = @organization_id, schema_id = @schema_id, " +
                "document = @document, version = version + 1 WHERE id = @id",
                "@id", "@external_id", "@organization_id", "@schema_id", "@document");
            SetIdentity(update, id, identity);
            await update.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);

            var delete = _deleteRows ??= Command(
                "DELETE FROM identity_credential_identifiers WHERE identity_id = @id;" +
                "DELETE FROM identity_verifiable_addresses WHERE identity_id = @id;" +
                "DELETE FROM identity_recovery_addresses WHERE identity_id = @id",
                "@id");
            delete.Parameters[0].Value = id;
            await delete.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }, cancellationToken);

    // Writes the identity row (through writeIdentity) and its index rows inside a savepoint: on a unique constraint the
    // savepoint is rolled back and the clashing value named; on any other failure it is rolled back and the error thrown.
    private async ValueTask<IdentityConflict?> InSavepointAsync(
        Identity identity, IdentityUniqueValues rows, Func<byte[], Task> writeIdentity, CancellationToken cancellationToken)
    {
        var id = SqliteValues.Blob(identity.Id);
        Run(_savepoint ??= Command("SAVEPOINT " + Savepoint));
        try
        {
            await writeIdentity(id).ConfigureAwait(false);
            await InsertRowsAsync(id, rows, cancellationToken).ConfigureAwait(false);
            Run(_release ??= Command("RELEASE " + Savepoint));
            return null;
        }
        catch (SqliteException e) when (e.SqliteErrorCode == SqliteValues.SqliteConstraint)
        {
            RollBackToSavepoint();
            return await ConflictOfAsync(e, identity.Id, rows, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            RollBackToSavepoint();
            throw;
        }
    }

    // The savepoint statements are compiled once per writer (SqliteTransaction.Save/Release would compile them on every
    // call); ROLLBACK TO keeps the savepoint open, so it is released after.
    private void RollBackToSavepoint()
    {
        Run(_rollbackToSavepoint ??= Command("ROLLBACK TO " + Savepoint));
        Run(_release ??= Command("RELEASE " + Savepoint));
    }

    private static void Run(SqliteCommand command) => command.ExecuteNonQuery();

    public void Dispose()
    {
        _insertIdentity?.Dispose();
        _updateIdentity?.Dispose();
        _deleteRows?.Dispose();
        _insertCredential?.Dispose();
        _insertVerifiable?.Dispose();
        _insertRecovery?.Dispose();
        _savepoint?.Dispose();
        _release?.Dispose();
        _rollbackToSavepoint?.Dispose();
    }

    private static void SetIdentity(SqliteCommand command, byte[] id, Identity identity)
    {
        command.Parameters[0].Value = id;
        command.Parameters[1].Value = SqliteValues.TextOrNull(identity.ExternalId);
        command.Parameters[2].Value = SqliteValues.BlobOrNull(identity.OrganizationId);
        command.Parameters[3].Value = identity.SchemaId;
        command.Parameters[4].Value = OryIdentityJson.Serialize(identity);
    }

    private async ValueTask InsertRowsAsync(byte[] id, IdentityUniqueValues rows, CancellationToken cancellationToken)
    {
        if (rows.Credentials.Count > 0)
        {
            var insert = _insertCredential ??= Command(
                "INSERT INTO identity_credential_identifiers (type, identifier, identity_id) VALUES (@a, @b, @id)", "@a", "@b", "@id");
            insert.Parameters[2].Value = id;
            foreach (var (type, identifier) in rows.Credentials)
            {
                insert.Parameters[0].Value = type;
                insert.Parameters[1].Value = identifier;
                await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
        }

        if (rows.Verifiable.Count > 0)
        {
            var insert = _insertVerifiable ??= Command(
                "INSERT INTO identity_verifiable_addresses (via, value, identity_id) VALUES (@a, @b, @id)", "@a", "@b", "@id");
            await InsertAddressesAsync(insert, id, rows.Verifiable, cancellationToken).ConfigureAwait(false);
        }

        if (rows.Recovery.Count > 0)
        {
            var insert = _insertRecovery ??= Command(
                "INSERT INTO identity_recovery_addresses (via, value, identity_id) VALUES (@a, @b, @id)", "@a", "@b", "@id");
            await InsertAddressesAsync(insert, id, rows.Recovery, cancellationToken).ConfigureAwait(false);
        }
    }

    private static async ValueTask InsertAddressesAsync(
        SqliteCommand insert, byte[] id, IReadOnlyList<(string Via, string Value)> addresses, CancellationToken cancellationToken)
    {
        insert.Parameters[2].Value = id;
        foreach (var (via, value) in addresses)
        {
            insert.Parameters[0].Value = via;
            insert.Parameters[1].Value = value;
            await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    // The conflict a unique constraint's refusal stands for; a clash of ids is a caller's error, not a conflict.
    private ValueTask<IdentityConflict> ConflictOfAsync(SqliteException error, Guid self, IdentityUniqueValues rows, CancellationToken cancellationToken)
    {
        if (SqliteValues.IsConstraint(error, SqliteValues.SqliteConstraintPrimaryKey))
        {
            throw new InvalidOperationException(
                "An identity with this id is already stored; ids are generated by the manager and never reused.", error);
        }

        return NameConflictAsync(error, self, rows, cancellationToken);
    }

    /// <summary>
    /// Names the first value of <paramref name="rows"/> another identity holds, in the order conflicts are reported. Runs
    /// in the write transaction, so the answer is the state the constraint saw.
    /// </summary>
    private async ValueTask<IdentityConflict> NameConflictAsync(
        SqliteException error, Guid self, IdentityUniqueValues rows, CancellationToken cancellationToken)
    {
        var id = SqliteValues.Blob(self);
        await using var command = _connection.CreateCommand();
        command.Transaction = _transaction;
        var a = command.Parameters.Add("@a", SqliteType.Text);
        var b = command.Parameters.Add("@b", SqliteType.Text);
        command.Parameters.AddWithValue("@self", id);

        async ValueTask<bool> HeldAsync(string sql, string first, string second)
        {
            command.CommandText = sql;
            a.Value = first;
            b.Value = second;
            return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is not null;
        }

        foreach (var candidate in rows.ConflictsInReportingOrder())
        {
            var sql = candidate.Kind switch
            {
                IdentityConflictKind.CredentialsIdentifier => "SELECT 1 FROM identity_credential_identifiers WHERE type = @a AND identifier = @b AND identity_id <> @self",
                IdentityConflictKind.VerifiableAddress => "SELECT 1 FROM identity_verifiable_addresses WHERE via = @a AND value = @b AND identity_id <> @self",
                IdentityConflictKind.RecoveryAddress => "SELECT 1 FROM identity_recovery_addresses WHERE via = @a AND value = @b AND identity_id <> @self",
                _ => "SELECT 1 FROM identities WHERE external_id = @b AND id <> @self",
            };
            if (await HeldAsync(sql, candidate.Discriminator ?? string.Empty, candidate.Value).ConfigureAwait(false))
            {
                return candidate;
            }
        }

        // A unique constraint refused the write, yet no value is held by another identity: not a conflict we can name.
        throw new InvalidOperationException("The identity violates a constraint of the database.", error);
    }

    private SqliteCommand Command(string sql, params string[] parameters)
    {
        var command = _connection.CreateCommand();
        command.Transaction = _transaction;
        command.CommandText = sql;
        foreach (var name in parameters)
        {
            command.Parameters.Add(new SqliteParameter(name, null));
        }

        return command;
    }
}
