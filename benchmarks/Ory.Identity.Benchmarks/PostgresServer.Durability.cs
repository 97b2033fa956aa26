namespace Ory.Identity.Storage.PostgreSql.Tests;

// The test project's PostgresServer, linked into the benchmarks (see the .csproj).
internal static partial class PostgresServer
{
    /// <summary>
    /// The benchmarks' server keeps PostgreSQL's defaults (<c>fsync</c>, <c>synchronous_commit</c> and
    /// <c>full_page_writes</c> on): every commit waits for its WAL flush, as in production.
    /// </summary>
    private const string DurabilitySettings = "";
}
