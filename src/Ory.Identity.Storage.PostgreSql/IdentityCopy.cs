using Npgsql;
using NpgsqlTypes;

namespace Ory.Identity.Storage.PostgreSql;

/// <summary>
/// Writes the accepted items of a batch with binary <c>COPY … FROM STDIN</c> (PostgreSQL and CockroachDB), one stream per
/// table, in the caller's transaction: no statement text, parameters or plans per row. A unique violation surfaces as a
/// <see cref="PostgresException"/> when a stream completes, and the caller's transaction then rolls back.
/// </summary>
internal static class IdentityCopy
{
    public static async Task WriteAsync(
        NpgsqlConnection connection,
        IReadOnlyList<Identity> identities,
        IReadOnlyList<int> accepted,
        string?[] documents,
        IdentityUniqueValues[] keys,
        CancellationToken cancellationToken)
    {
        await using (var rows = await connection.BeginBinaryImportAsync(
            "COPY identities (id, schema_id, state, external_id, organization_id, document, created_at, updated_at) FROM STDIN WITH BINARY",
            cancellationToken).ConfigureAwait(false))
        {
            foreach (var index in accepted)
            {
                var identity = identities[index];
                await rows.StartRowAsync(cancellationToken).ConfigureAwait(false);
                await rows.WriteAsync(identity.Id, NpgsqlDbType.Uuid, cancellationToken).ConfigureAwait(false);
                await rows.WriteAsync(identity.SchemaId, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
                await rows.WriteAsync(identity.State.Value, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
                await (identity.ExternalId is { } externalId
                    ? rows.WriteAsync(externalId, NpgsqlDbType.Text, cancellationToken)
                    : rows.WriteNullAsync(cancellationToken)).ConfigureAwait(false);
                await (identity.OrganizationId is { } organization
                    ? rows.WriteAsync(organization, NpgsqlDbType.Uuid, cancellationToken)
                    : rows.WriteNullAsync(cancellationToken)).ConfigureAwait(false);
                await rows.WriteAsync(documents[index] ??= OryIdentityJson.Serialize(identity), NpgsqlDbType.Jsonb, cancellationToken).ConfigureAwait(false);
                await rows.WriteAsync(identity.CreatedAt.ToDateTimeUtc(), NpgsqlDbType.TimestampTz, cancellationToken).ConfigureAwait(false);
                await rows.WriteAsync(identity.UpdatedAt.ToDateTimeUtc(), NpgsqlDbType.TimestampTz, cancellationToken).ConfigureAwait(false);
            }

            await rows.CompleteAsync(cancellationToken).ConfigureAwait(false);
        }

        await WritePairsAsync(connection, "identity_credential_identifiers (type, identifier, identity_id)", identities, accepted, i => keys[i].Credentials, cancellationToken)
            .ConfigureAwait(false);
        await WritePairsAsync(connection, "identity_verifiable_addresses (via, value, identity_id)", identities, accepted, i => keys[i].Verifiable, cancellationToken)
            .ConfigureAwait(false);
        await WritePairsAsync(connection, "identity_recovery_addresses (via, value, identity_id)", identities, accepted, i => keys[i].Recovery, cancellationToken)
            .ConfigureAwait(false);
    }

    /// <summary>Copies (first, second, owner id) rows into <paramref name="tableAndColumns"/>; nothing when no item has any.</summary>
    private static async Task WritePairsAsync(
        NpgsqlConnection connection,
        string tableAndColumns,
        IReadOnlyList<Identity> identities,
        IReadOnlyList<int> accepted,
        Func<int, IReadOnlyList<(string, string)>> pairsOf,
        CancellationToken cancellationToken)
    {
        if (!accepted.Any(i => pairsOf(i).Count > 0))
        {
            return;
        }

        await using var rows = await connection.BeginBinaryImportAsync($"COPY {tableAndColumns} FROM STDIN WITH BINARY", cancellationToken)
            .ConfigureAwait(false);
        foreach (var index in accepted)
        {
            foreach (var (first, second) in pairsOf(index))
            {
                await rows.StartRowAsync(cancellationToken).ConfigureAwait(false);
                await rows.WriteAsync(first, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
                await rows.WriteAsync(second, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
                await rows.WriteAsync(identities[index].Id, NpgsqlDbType.Uuid, cancellationToken).ConfigureAwait(false);
            }
        }

        await rows.CompleteAsync(cancellationToken).ConfigureAwait(false);
    }
}
