using Ory.Identity.Storage.InMemory;

namespace Ory.Identity.Testing;

/// <summary>
/// Expectations on the messages an <see cref="InMemoryRecoveryOutbox"/> holds, for any test framework: each returns
/// what it found or throws <see cref="SentMessageAssertionException"/> saying what the outbox holds instead.
/// </summary>
public static class SentMessageAssertions
{
    /// <summary>The last message sent to <paramref name="recipient"/> (of <paramref name="template"/> when given).</summary>
    /// <exception cref="SentMessageAssertionException">No such message was sent.</exception>
    public static RecoveryMessage ShouldHaveSentTo(this InMemoryRecoveryOutbox outbox, string recipient, RecoveryTemplateType? template = null)
    {
        ArgumentNullException.ThrowIfNull(outbox);
        ArgumentNullException.ThrowIfNull(recipient);
        var messages = outbox.Messages;
        return messages.LastOrDefault(m => IsTo(m, recipient) && (template is null || m.TemplateType == template))
            ?? throw new SentMessageAssertionException(
                $"Expected a {(template is null ? "message" : template + " message")} to the given recipient, but none was sent; {Describe(messages, recipient)}");
    }

    /// <summary>Expects no message sent to <paramref name="recipient"/>.</summary>
    /// <exception cref="SentMessageAssertionException">A message was sent to the recipient.</exception>
    public static void ShouldHaveSentNothingTo(this InMemoryRecoveryOutbox outbox, string recipient)
    {
        ArgumentNullException.ThrowIfNull(outbox);
        ArgumentNullException.ThrowIfNull(recipient);
        var messages = outbox.Messages;
        if (messages.Any(m => IsTo(m, recipient)))
        {
            throw new SentMessageAssertionException($"Expected no message to the given recipient, but {Describe(messages, recipient)}");
        }
    }

    /// <summary>The recovery code of the last message with a code sent to <paramref name="recipient"/>.</summary>
    /// <exception cref="SentMessageAssertionException">No message with a code was sent to the recipient.</exception>
    public static string LastCodeFor(this InMemoryRecoveryOutbox outbox, string recipient) =>
        Last(outbox, recipient, m => m.RecoveryCode, "recovery code");

    /// <summary>The recovery link of the last message with a link sent to <paramref name="recipient"/>.</summary>
    /// <exception cref="SentMessageAssertionException">No message with a link was sent to the recipient.</exception>
    public static string LastLinkFor(this InMemoryRecoveryOutbox outbox, string recipient) =>
        Last(outbox, recipient, m => m.RecoveryUrl, "recovery link");

    private static string Last(InMemoryRecoveryOutbox outbox, string recipient, Func<RecoveryMessage, string?> secret, string what)
    {
        ArgumentNullException.ThrowIfNull(outbox);
        ArgumentNullException.ThrowIfNull(recipient);
        var messages = outbox.Messages;
        return messages.Where(m => IsTo(m, recipient)).Select(secret).LastOrDefault(s => s is not null)
            ?? throw new SentMessageAssertionException(
                $"Expected a message with a {what} to the given recipient, but none was sent; {Describe(messages, recipient)}");
    }

    private static bool IsTo(RecoveryMessage message, string recipient) =>
        string.Equals(message.Recipient, recipient, StringComparison.OrdinalIgnoreCase);

    // Kinds and counts only: addresses, links and codes are secrets or traits and stay out of exception messages.
    private static string Describe(IReadOnlyList<RecoveryMessage> messages, string recipient)
    {
        if (messages.Count == 0)
        {
            return "the outbox is empty.";
        }

        var toRecipient = messages.Where(m => IsTo(m, recipient)).Select(m => m.TemplateType.ToString()).ToList();
        var mine = toRecipient.Count == 0 ? "none to that recipient" : $"to that recipient: {string.Join(", ", toRecipient)}";
        return $"the outbox holds {messages.Count} message(s), {mine}.";
    }
}
