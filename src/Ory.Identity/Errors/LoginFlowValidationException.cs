namespace Ory.Identity;

/// <summary>
/// A 400: a login submission was refused (invalid credentials 4000006, a disabled account 4010011, a missing field,
/// no method); <see cref="Flow"/> is the flow with the messages. No session was issued.
/// </summary>
public sealed class LoginFlowValidationException : OryIdentityException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="flow">The flow with the messages.</param>
    /// <param name="message">The (first) message, e.g. 4000006.</param>
    public LoginFlowValidationException(LoginFlow flow, UiText message)
        : base(CreateError(400, OryErrorTexts.BadRequest, (message ?? throw new ArgumentNullException(nameof(message))).Text), "The login submission was refused (message " + message.Id + ").")
    {
        Flow = flow ?? throw new ArgumentNullException(nameof(flow));
        UiMessage = message;
    }

    /// <summary>The flow, with the messages on its nodes or in <c>ui.messages</c>.</summary>
    public LoginFlow Flow { get; }

    /// <summary>The (first) message shown.</summary>
    public UiText UiMessage { get; }
}
