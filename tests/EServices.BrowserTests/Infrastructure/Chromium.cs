using Microsoft.Playwright;

namespace EServices.BrowserTests.Infrastructure;

/// <summary>
/// Debian's Chromium driven by Playwright, one browser per test class; each test opens a fresh context
/// (its own cookies) with <see cref="NewContextAsync"/>. No browser is ever downloaded.
/// </summary>
public sealed class Chromium : IAsyncLifetime
{
    public const string ExecutablePath = "/usr/bin/chromium";

    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public async Task InitializeAsync()
    {
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run", "--disable-quic",
            ],
        });
    }

    /// <summary>A new browsing session on the portal: no cookies, French, JavaScript on or off.</summary>
    public async Task<IBrowserContext> NewContextAsync(Uri portal, bool javaScriptEnabled = true)
    {
        var context = await _browser!.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = portal.ToString(),
            JavaScriptEnabled = javaScriptEnabled,
            Locale = "fr-FR",
            AcceptDownloads = true,
        });
        context.SetDefaultTimeout(10_000);
        return context;
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
    }
}
