using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;

namespace Ory.Identity.AspNetCore.Tests.QuickStartUi;

/// <summary>A page the browser ended on after following every redirect: its URL, status, HTML and parsed document.</summary>
/// <param name="Url">Where the browser ended.</param>
/// <param name="Status">The last answer's status.</param>
/// <param name="Html">The page's source.</param>
/// <param name="Document">The parsed page.</param>
internal sealed record UiPage(Uri Url, HttpStatusCode Status, string Html, IHtmlDocument Document)
{
    /// <summary>The path the browser ended on, e.g. <c>/settings</c>.</summary>
    public string Path => Url.AbsolutePath;

    /// <summary>The element with <c>data-testid</c> <paramref name="testId"/>; null when there is none.</summary>
    public IElement? ByTestId(string testId) => Document.QuerySelector($"[data-testid=\"{testId}\"]");

    /// <summary>The texts of every element carrying a Kratos message id (<c>ui/message/{id}</c>), by id.</summary>
    public IReadOnlyList<(long Id, string Text, IElement Element)> Messages =>
        [.. Document.QuerySelectorAll("[data-testid^=\"ui/message/\"]")
            .Select(e => (long.Parse(e.GetAttribute("data-testid")!["ui/message/".Length..], System.Globalization.CultureInfo.InvariantCulture), e.TextContent, e))];

    /// <summary>The form with <c>data-testid="ui/form/{group}"</c>.</summary>
    public IHtmlFormElement Form(string group) =>
        ByTestId("ui/form/" + group) as IHtmlFormElement ?? throw new InvalidOperationException($"No form for the group {group} on {Path}: {Html}");
}
