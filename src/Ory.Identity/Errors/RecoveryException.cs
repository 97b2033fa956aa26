namespace Ory.Identity;

/// <summary>
/// A recovery failure. Besides Kratos's error object it carries the UI message Kratos shows on the flow
/// (<see cref="UiMessage"/>, e.g. 4060004), so an HTTP host can render Kratos's user experience.
/// </summary>
public class RecoveryException : OryIdentityException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="error">Kratos's error object.</param>
    /// <param name="uiMessage">The message Kratos shows on the flow, if any.</param>
    public RecoveryException(OryError error, UiText? uiMessage = null)
        : base(error, error.Reason ?? error.Message)
    {
        UiMessage = uiMessage;
    }

    /// <summary>The message Kratos shows on the (new) flow; null when none.</summary>
    public UiText? UiMessage { get; }

    /// <summary>Builds Kratos's error object.</summary>
    protected static OryError Build(int code, string message, string? reason, string? id = null) => CreateError(code, message, reason, id);
}
