namespace Ory.Identity.Fuzz.Tests.Oracle;

/// <summary>What a fuzz case broke.</summary>
public enum FailureKind
{
    /// <summary>An answer of 500 or above.</summary>
    ServerError,

    /// <summary>An error answer (4xx) whose body is not Kratos's JSON error with <c>code</c> equal to the status.</summary>
    NotKratosError,

    /// <summary>A refused request changed the store.</summary>
    StoreChanged,

    /// <summary>The store now holds an identity that cannot be written as JSON: every answer that includes it fails.</summary>
    UnwritableIdentity,

    /// <summary>No parseable answer within the timeout.</summary>
    NoAnswer,

    /// <summary>The health check after a batch of cases failed: the server is down.</summary>
    ServerDown,
}
