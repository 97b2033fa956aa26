namespace Ory.Identity.Testing;

/// <summary>
/// An expectation on the messages in the outbox did not hold. The message says what was expected and what the outbox
/// holds by kind and count, never an address, link or code.
/// </summary>
public sealed class SentMessageAssertionException : Exception
{
    /// <summary>Creates the failure with the text that says what was expected and what was found.</summary>
    public SentMessageAssertionException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the failure with the text that says what was expected and what was found, and its cause.</summary>
    public SentMessageAssertionException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the failure with no text (prefer the constructors that say what failed).</summary>
    public SentMessageAssertionException()
    {
    }
}
