using System.Text.RegularExpressions;

namespace Ory.Identity.Courier.Smtp.Tests.Support;

/// <summary>The recovery link in a received mail's text, as a person would click it.</summary>
internal sealed partial record RecoveryLinkInMail(string Link, Guid FlowId, string Token)
{
    public static RecoveryLinkInMail Find(string? text)
    {
        var link = LinkPattern().Match(text ?? string.Empty).Value;
        var query = new Uri(link).Query.TrimStart('?').Split('&').Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => Uri.UnescapeDataString(p[1]));
        return new RecoveryLinkInMail(link, Guid.Parse(query["flow"]), query["token"]);
    }

    [GeneratedRegex(@"http://\S+")]
    private static partial Regex LinkPattern();
}
