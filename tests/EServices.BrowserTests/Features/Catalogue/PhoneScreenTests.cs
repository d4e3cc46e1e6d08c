using EServices.BrowserTests.Features.BackOffice;
using EServices.BrowserTests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace EServices.BrowserTests.Features.Catalogue;

/// <summary>A 360 × 740 phone: the header leaves the first screen to the page, and an amount or a tracking number is
/// never cut in two at the end of a line.</summary>
[Collection(BrowserCollection.Name)]
public sealed class PhoneScreenTests(BrowserHost host, Chromium chromium) : IClassFixture<Chromium>
{
    private const int Width = 360;
    private const int Height = 740;

    [Fact]
    public async Task The_header_takes_less_than_a_fifth_of_a_phone_screen_signed_out_and_in()
    {
        await using var context = await chromium.NewContextAsync(host.BaseAddress);
        var page = await context.NewPageAsync();
        await page.SetViewportSizeAsync(Width, Height);

        await page.GotoAsync("/");
        Assert.InRange((await page.Locator(".site-header").BoundingBoxAsync())!.Height, 1, Height * 0.2);
        await Applicant.SignUpAsync(page);
        await page.GotoAsync("/mes-demandes");
        Assert.InRange((await page.Locator(".site-header").BoundingBoxAsync())!.Height, 1, Height * 0.2);
    }

    [Fact]
    public async Task An_amount_and_a_tracking_number_each_render_on_one_line_even_where_the_line_ends()
    {
        await using var context = await chromium.NewContextAsync(host.BaseAddress);
        var page = await context.NewPageAsync();
        await page.SetViewportSizeAsync(Width, Height);
        using var files = new ScratchFolder();
        await Applicant.SignUpAsync(page);
        var number = await ApplicantRequests.FileAnAttestationAsync(page, files);

        await page.GotoAsync("/demarches/inscription-concours-direct");
        var fee = page.Locator(".sheet dd", new() { HasTextRegex = new System.Text.RegularExpressions.Regex(@"^5\s000\sFCFA") });
        await Expect(fee).ToHaveCountAsync(1);
        Assert.Equal(1, await LinesAsync(fee, @"5\s000\sFCFA"));

        await page.GotoAsync($"/mes-demandes/{number}");
        Assert.Equal(1, await LinesAsync(page.Locator("h1"), System.Text.RegularExpressions.Regex.Escape(number)));
        await page.GotoAsync("/mes-demandes");
        Assert.Equal(1, await LinesAsync(page.Locator("table a", new() { HasText = number }), System.Text.RegularExpressions.Regex.Escape(number)));
    }

    /// <summary>How many lines the text matching <paramref name="pattern"/> inside <paramref name="element"/> takes once
    /// the element is made so narrow that the line has to end inside it: the height of the text's bounding box in lines.</summary>
    private static async Task<int> LinesAsync(ILocator element, string pattern) =>
        await element.EvaluateAsync<int>(
            """
            (el, pattern) => {
              el.style.display = 'block';
              el.style.width = '3em';
              const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
              for (let node = walker.nextNode(); node; node = walker.nextNode()) {
                const match = new RegExp(pattern).exec(node.data);
                if (!match) continue;
                const range = document.createRange();
                range.setStart(node, match.index);
                range.setEnd(node, match.index + match[0].length);
                const lineHeight = parseFloat(getComputedStyle(node.parentElement).lineHeight);
                return Math.round(range.getBoundingClientRect().height / lineHeight);
              }
              return -1;
            }
            """,
            pattern);
}
