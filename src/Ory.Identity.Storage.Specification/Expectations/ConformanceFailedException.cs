namespace Ory.Identity.Storage.Specification;

/// <summary>
/// A conformance case found the store (or the core over it) not doing what the contract says. Thrown by the kit's own
/// expectations, so the kit needs no assertion library and any test framework reports it as a failed test.
/// </summary>
public sealed class ConformanceFailedException : Exception
{
    /// <summary>Creates the failure with the text that says what was expected and what was found.</summary>
    public ConformanceFailedException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the failure with the text that says what was expected and what was found, and its cause.</summary>
    public ConformanceFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the failure with no text (prefer the constructors that say what failed).</summary>
    public ConformanceFailedException()
    {
    }
}
