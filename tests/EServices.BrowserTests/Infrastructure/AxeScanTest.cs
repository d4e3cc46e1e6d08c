using Microsoft.Playwright;

namespace EServices.BrowserTests.Infrastructure;

/// <summary>What every axe-core test class shares: the portal, the browser, the findings of the test, and its browsing
/// sessions, each closed when the test ends.</summary>
public abstract class AxeScanTest(BrowserHost host, Chromium chromium) : IClassFixture<Chromium>, IAsyncLifetime
{
    private readonly List<IBrowserContext> _contexts = [];

    protected BrowserHost Host { get; } = host;

    protected AxeFindings Axe { get; } = new();

    /// <summary>A page in a new browsing session (its own cookies); <c>page.Context</c> is that session.</summary>
    protected async Task<IPage> NewPageAsync(bool javaScriptEnabled = true)
    {
        var context = await chromium.NewContextAsync(Host.BaseAddress, javaScriptEnabled);
        _contexts.Add(context);
        return await context.NewPageAsync();
    }

    /// <summary>A page in a new session, signed in as a new administrator (password and code), on the inbox.</summary>
    protected async Task<IPage> NewAdminPageAsync()
    {
        var page = await NewPageAsync();
        await Staff.SignInAsNewAdminAsync(page, Host);
        return page;
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var context in _contexts)
        {
            await context.DisposeAsync();
        }
    }
}
