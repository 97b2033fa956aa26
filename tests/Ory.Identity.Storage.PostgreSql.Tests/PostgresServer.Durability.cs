namespace Ory.Identity.Storage.PostgreSql.Tests;

internal static partial class PostgresServer
{
    /// <summary>
    /// The tests' throwaway server trades durability for speed: nobody needs its data after a crash, and the tests check
    /// behaviour, not timing.
    /// </summary>
    private const string DurabilitySettings = "-c fsync=off -c synchronous_commit=off -c full_page_writes=off";
}
