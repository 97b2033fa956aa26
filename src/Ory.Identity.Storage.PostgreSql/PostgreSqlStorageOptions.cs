using Npgsql;

namespace Ory.Identity.Storage.PostgreSql;

/// <summary>Options of <c>UsePostgreSqlStorage</c>: where the database is and whether to migrate it at start.</summary>
public sealed class PostgreSqlStorageOptions
{
    /// <summary>
    /// An Npgsql connection string (<c>Host=…;Port=…;Username=…;Password=…;Database=…</c>). Ignored when
    /// <see cref="DataSource"/> is set. The stores then own the data source they build and dispose it with the container.
    /// </summary>
    public string? ConnectionString { get; set; }

    /// <summary>A data source built by the host (shared with its other code); the host keeps ownership and disposes it.</summary>
    public NpgsqlDataSource? DataSource { get; set; }

    /// <summary>
    /// Applies pending migrations (<see cref="PostgreSqlMigrator"/>) before the first store call of the container,
    /// once; true by default. Set false when migrations run as a separate deployment step.
    /// </summary>
    public bool MigrateOnStart { get; set; } = true;
}
