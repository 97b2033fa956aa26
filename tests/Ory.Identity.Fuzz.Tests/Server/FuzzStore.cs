namespace Ory.Identity.Fuzz.Tests.Server;

/// <summary>The store behind the QuickStart under fuzzing (its <c>--storage</c> switch).</summary>
public enum FuzzStore
{
    /// <summary><c>--storage inmemory</c>.</summary>
    InMemory,

    /// <summary><c>--storage sqlite</c> on a temporary file.</summary>
    Sqlite,

    /// <summary><c>--storage postgres</c> on a fresh database of the tests' throwaway server.</summary>
    PostgreSql,
}
