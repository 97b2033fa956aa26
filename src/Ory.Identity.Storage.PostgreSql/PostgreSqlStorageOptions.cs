using Npgsql;

namespace Ory.Identity.Storage.PostgreSql;

/// <summary>Options of <c>UsePostgreSqlStorage</c>: where the database is and whether to migrate it at start.</summary>
public sealed class PostgreSqlStorageOptions
{
    /// <summary>
    /// An Npgsql connection string (<c>Host=…;Port=…;Username=…;Password=…;Database=…</c>). Ignored when
    /// <see cref="DataSource"/> is set. The stores then own the data source they build and dispose it with the container,
    /// and turn Npgsql's session reset off for it (<c>No Reset On Close=true</c>): they change no session state. A host
    /// that passes its own <see cref="DataSource"/> used only by the stores may set it too.
    /// </summary>
    public string? ConnectionString { get; set; }

    /// <summary>A data source built by the host (shared with its other code); the host keeps ownership and disposes it.</summary>
    public NpgsqlDataSource? DataSource { get; set; }

    /// <summary>
    /// Applies pending migrations (<see cref="PostgreSqlStorageMigrator"/>) before the first store call of the container,
    /// once; true by default. Set false when migrations run as a separate deployment step.
    /// </summary>
    public bool MigrateOnStart { get; set; } = true;

    /// <summary>
    /// Prepares the stores' read statements (lookups by id, external id, credential identifier and address, and list
    /// pages) and the single-identity insert on the server, once per pooled connection and statement, so that PostgreSQL plans each of them once instead
    /// of on every call; true by default. Set false behind a pooler that does not keep prepared statements per client
    /// (PgBouncer in transaction or statement mode before 1.21). Ignored with <c>Multiplexing=true</c>, which does not
    /// support explicit preparation.
    /// </summary>
    public bool PrepareStatements { get; set; } = true;
}
