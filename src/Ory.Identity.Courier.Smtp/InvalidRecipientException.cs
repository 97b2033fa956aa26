namespace Ory.Identity.Courier.Smtp;

/// <summary>A message's recipient is not an email address; its message quotes no address.</summary>
internal sealed class InvalidRecipientException() : FormatException("The recipient is not a valid email address.");
