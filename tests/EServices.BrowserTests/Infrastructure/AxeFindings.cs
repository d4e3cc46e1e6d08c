using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace EServices.BrowserTests.Infrastructure;

/// <summary>What axe-core finds on the pages of one test, kept so that a single assertion reports every page at once.</summary>
public sealed class AxeFindings
{
    private readonly List<string> _violations = [];

    /// <summary>Runs axe on the page as it is now; <paramref name="what"/> names it in the report.</summary>
    public async Task ScanAsync(IPage page, string what)
    {
        var result = await page.RunAxe();
        foreach (var violation in result.Violations)
        {
            var targets = string.Join(" | ", violation.Nodes.Select(n => n.Target?.ToString()));
            _violations.Add($"{what} ({page.Url}): {violation.Id} [{violation.Impact}] {violation.Help} → {targets}");
        }
    }

    public void AssertNone() =>
        Assert.True(_violations.Count == 0, $"{_violations.Count} accessibility violation(s):\n{string.Join('\n', _violations)}");
}
