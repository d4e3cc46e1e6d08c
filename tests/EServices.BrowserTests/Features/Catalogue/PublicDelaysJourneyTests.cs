using EServices.BrowserTests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace EServices.BrowserTests.Features.Catalogue;

/// <summary>A visitor on a phone compares the delay a procedure promises with the one measured (issue 19): from the sheet
/// to the table of every procedure and back, the wide table scrolling inside its box.</summary>
[Collection(BrowserCollection.Name)]
public sealed class PublicDelaysJourneyTests(BrowserHost host, Chromium chromium) : IClassFixture<Chromium>
{
    [Fact]
    public async Task From_a_sheet_to_the_delays_of_every_procedure_and_back_on_a_phone()
    {
        await using var context = await chromium.NewContextAsync(host.BaseAddress);
        var page = await context.NewPageAsync();
        await page.SetViewportSizeAsync(360, 740);

        await page.GotoAsync("/demarches/attestation-de-travail");
        await Expect(page.Locator("dt", new() { HasText = "Délai constaté" })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Les délais de toutes les démarches" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Délais de traitement", Level = 1 })).ToBeVisibleAsync();
        var table = page.GetByRole(AriaRole.Table, new() { Name = "Délais par démarche, sur les 90 derniers jours" });
        await Expect(table).ToBeVisibleAsync();
        var row = table.GetByRole(AriaRole.Row).Filter(new() { Has = page.GetByRole(AriaRole.Link, new() { Name = "Attestation de travail", Exact = true }) });
        await Expect(row.GetByRole(AriaRole.Cell).Nth(1)).ToHaveTextAsync("3"); // promised on the sheet: 3 working days
        Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"), "the page scrolls sideways");

        await row.GetByRole(AriaRole.Link).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Attestation de travail");
    }
}
