namespace Ory.Identity;

/// <summary>
/// A 429: the recovery address has had <c>selfservice.flows.recovery.rate_limit.max_messages</c> messages in the
/// current window, so <see cref="IInvitationSender"/> sends none and stores nothing. (Self-service recovery answers as
/// usual and sends nothing, so that the limit reveals nothing about accounts; an admin call says so.)
/// </summary>
public sealed class RecoveryRateLimitedException : OryIdentityException
{
    /// <summary>The error's <c>message</c>.</summary>
    public const string ErrorMessage = "Too many recovery messages were sent to this address; try again later";

    /// <summary>Creates the exception.</summary>
    /// <param name="maxMessages">The configured <c>rate_limit.max_messages</c>.</param>
    /// <param name="window">The configured <c>rate_limit.window</c> (Go duration).</param>
    public RecoveryRateLimitedException(int maxMessages, string window)
        : base(
            CreateError(429, ErrorMessage, $"The address reached the limit of {maxMessages} recovery messages per {window} (selfservice.flows.recovery.rate_limit)."),
            "The recovery address reached its message limit; nothing was sent.")
    {
    }
}
