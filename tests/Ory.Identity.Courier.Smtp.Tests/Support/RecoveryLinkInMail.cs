using System.Text.RegularExpressions;
using Ory.Identity.Testing;

namespace Ory.Identity.Courier.Smtp.Tests.Support;

/// <summary>The recovery link in a received mail's text, as a person would click it.</summary>
internal sealed partial record RecoveryLinkInMail(string Link, Guid FlowId, string Token)
{
    public static RecoveryLinkInMail Find(string? text)
    {
        var link = LinkPattern().Match(text ?? string.Empty).Value;
        return new RecoveryLinkInMail(link, RecoveryLinkQuery.FlowId(link), RecoveryLinkQuery.Token(link));
    }

    [GeneratedRegex(@"http://\S+")]
    private static partial Regex LinkPattern();
}
