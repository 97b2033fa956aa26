namespace Ory.Identity;

/// <summary>A self-service submission was invalid (400); <see cref="Flow"/> carries Kratos's node messages to show.</summary>
public sealed class RecoveryFlowValidationException : RecoveryException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="flow">The flow with the messages on its nodes.</param>
    /// <param name="message">The message shown on the invalid field.</param>
    public RecoveryFlowValidationException(RecoveryFlow flow, UiText message)
        : base(Build(400, OryErrorTexts.BadRequest, message.Text), message)
    {
        Flow = flow ?? throw new ArgumentNullException(nameof(flow));
    }

    /// <summary>The flow, with the messages on its nodes.</summary>
    public RecoveryFlow Flow { get; }
}
