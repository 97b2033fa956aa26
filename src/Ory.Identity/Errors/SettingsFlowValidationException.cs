namespace Ory.Identity;

/// <summary>
/// A 400: a settings submission was refused (a policy failure, the same password, invalid traits, no method);
/// <see cref="Flow"/> is the flow as stored after it, with the messages on its nodes. Nothing else was stored.
/// </summary>
public sealed class SettingsFlowValidationException : OryIdentityException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="flow">The flow with the messages.</param>
    /// <param name="message">The (first) message, e.g. 4000032.</param>
    public SettingsFlowValidationException(SettingsFlow flow, UiText message)
        : base(CreateError(400, OryErrorTexts.BadRequest, (message ?? throw new ArgumentNullException(nameof(message))).Text), "The settings submission was refused (message " + message.Id + ").")
    {
        Flow = flow ?? throw new ArgumentNullException(nameof(flow));
        UiMessage = message;
    }

    /// <summary>The flow, with the messages on its nodes or in <c>ui.messages</c>.</summary>
    public SettingsFlow Flow { get; }

    /// <summary>The (first) message shown.</summary>
    public UiText UiMessage { get; }
}
