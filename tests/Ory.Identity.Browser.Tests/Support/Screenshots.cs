using Microsoft.Playwright;

namespace Ory.Identity.Browser.Tests.Support;

/// <summary>
/// Screenshots of each step, in <c>.ci/out/browser/&lt;test&gt;-&lt;storage&gt;/NN-&lt;step&gt;.png</c> (not committed). With
/// <c>ORY_IDENTITY_DOCS_SCREENSHOTS=1</c>, the steps the documentation shows are also written to <c>docs/images/</c>.
/// </summary>
internal sealed class Screenshots(string test, string storage)
{
    /// <summary>The environment variable that makes a run refresh the documentation's screenshots.</summary>
    public const string DocsVariable = "ORY_IDENTITY_DOCS_SCREENSHOTS";

    private readonly string _folder = Path.Combine(RepositoryPaths.Screenshots, $"{test}-{storage}");
    private int _step;

    /// <summary>Saves the page as the next step; when <paramref name="docsName"/> is given (and the docs are refreshed), also as docs/images/&lt;docsName&gt;.png.</summary>
    public async Task TakeAsync(IPage page, string step, string? docsName = null)
    {
        Directory.CreateDirectory(_folder);
        var png = await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(_folder, $"{++_step:00}-{step}.png") });
        if (docsName is not null && storage == "sqlite" && Environment.GetEnvironmentVariable(DocsVariable) == "1")
        {
            Directory.CreateDirectory(RepositoryPaths.DocsImages);
            await File.WriteAllBytesAsync(Path.Combine(RepositoryPaths.DocsImages, docsName + ".png"), png);
        }
    }
}
