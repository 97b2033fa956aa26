using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Ory.Identity.Browser.Tests.Support;

/// <summary>axe-core (Deque.AxeCore.Playwright, its script ships in the package) run on a page.</summary>
internal static class Accessibility
{
    /// <summary>Fails when axe finds a serious or critical violation on the page, naming each rule and element.</summary>
    public static async Task ShouldHaveNoSeriousViolationsAsync(IPage page)
    {
        var result = await page.RunAxe();
        var serious = result.Violations
            .Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{v.Id} ({v.Impact}): {v.Help} at {string.Join(", ", v.Nodes.Select(n => n.Target.ToString()))}");
        serious.Should().BeEmpty("the page {0} must be usable with assistive technology", new Uri(page.Url).AbsolutePath);
    }
}
