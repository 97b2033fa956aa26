using Ory.Identity.Courier.Smtp.Tests.Support;

namespace Ory.Identity.Browser.Tests.Support;

/// <summary>
/// A theory that needs chromium (and, when <c>sendsMail</c>, the SMTP server): skipped with a clear reason when one is
/// missing, never when <c>CI=true</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class BrowserTheoryAttribute : TheoryAttribute
{
    /// <summary>Sets <see cref="FactAttribute.Skip"/> when chromium (or, for <paramref name="sendsMail"/>, aiosmtpd) is missing.</summary>
    /// <param name="sendsMail">Whether the test reads a message delivered over SMTP.</param>
    public BrowserTheoryAttribute(bool sendsMail = false)
    {
        if ((Chromium.SkipReason ?? (sendsMail ? AiosmtpdServer.SkipReason : null)) is { } reason)
        {
            Skip = reason;
        }
    }
}
