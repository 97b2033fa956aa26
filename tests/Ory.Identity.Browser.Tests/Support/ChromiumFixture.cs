using Microsoft.Playwright;

namespace Ory.Identity.Browser.Tests.Support;

/// <summary>
/// One headless chromium per test class (Debian's, through <see cref="Chromium.ExecutablePath"/>; Playwright's driver
/// comes with its NuGet package and downloads nothing). Each test opens its own context: no shared cookies.
/// </summary>
public sealed class ChromiumFixture : IAsyncLifetime
{
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    /// <summary>Launches chromium, unless the tests are skipped for want of it.</summary>
    public async Task InitializeAsync()
    {
        if (Chromium.SkipReason is not null)
        {
            return;
        }

        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = Chromium.ExecutablePath, Headless = true });
    }

    /// <summary>A new browser context (own cookies) with an 800×600 viewport and English texts.</summary>
    public async Task<IBrowserContext> NewContextAsync()
    {
        var context = await (_browser ?? throw new InvalidOperationException($"chromium did not start ({Chromium.ExecutablePath}).")).NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 800, Height = 600 },
            Locale = "en-US",
        });
        context.SetDefaultTimeout(10_000);
        return context;
    }

    /// <summary>Closes chromium.</summary>
    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
    }
}
