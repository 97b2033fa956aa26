namespace Ory.Identity.Storage.PostgreSql;

/// <summary>One versioned schema change: its statements run in one transaction and record the version in <c>schema_migrations</c>.</summary>
/// <param name="Version">The version, strictly increasing from 1.</param>
/// <param name="Name">A short description.</param>
/// <param name="Statements">The DDL statements, in order; each is PostgreSQL and CockroachDB SQL.</param>
public sealed record PostgreSqlMigration(int Version, string Name, IReadOnlyList<string> Statements);
