using System.Text.RegularExpressions;
using EServices.BrowserTests.Infrastructure;
using Microsoft.Playwright;
using UglyToad.PdfPig;
using static Microsoft.Playwright.Assertions;

namespace EServices.BrowserTests.Features.Payments;

/// <summary>The competition registration and its 5 000 FCFA fee on a 360 px phone: fill, pay on the provider's page (the
/// simulator's), come back, read the number, download the receipt; with JavaScript on (and axe on the payment and
/// return pages) and off.</summary>
[Collection(BrowserCollection.Name)]
public sealed class FeeJourneyTests(BrowserHost host, Chromium chromium) : IClassFixture<Chromium>
{
    [Fact]
    public Task Applicant_pays_the_fee_by_mobile_money_on_a_phone_and_downloads_the_receipt() => PayAsync(javaScript: true);

    [Fact]
    public Task Applicant_pays_the_fee_with_javascript_off() => PayAsync(javaScript: false);

    private async Task PayAsync(bool javaScript)
    {
        await using var context = await chromium.NewContextAsync(host.BaseAddress, javaScript);
        var page = await context.NewPageAsync();
        await page.SetViewportSizeAsync(360, 740);
        using var files = new ScratchFolder();
        var axe = new AxeFindings();
        await Applicant.SignUpAsync(page);

        await page.GotoAsync("/demarches/inscription-concours-direct");
        await page.GetByRole(AriaRole.Button, new() { Name = "Commencer la démarche" }).ClickAsync();
        await page.GetByLabel("Concours").FillAsync("Adjoints administratifs");
        await page.GetByLabel("Centre de composition").FillAsync("Koudougou");
        await ContinueAsync(page);
        await RegistrationForm.FillIdentityAsync(page, "2001-06-15", "B12345678");
        await ContinueAsync(page);
        await page.GetByLabel("Diplôme le plus élevé").SelectOptionAsync(new SelectOptionValue { Label = "BEPC" });
        await page.GetByLabel("Année d'obtention").FillAsync("2018");
        await ContinueAsync(page);
        await page.GetByLabel("Copie de la CNIB").SetInputFilesAsync(files.Pdf("cnib.pdf"));
        await page.GetByLabel("Copie du diplôme").SetInputFilesAsync(files.Pdf("bepc.pdf"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Continuer vers le récapitulatif" }).ClickAsync();

        // The review says what is to pay; the payment page says it again, with the counter code.
        await Expect(Heading(page)).ToHaveTextAsync("Vérifiez votre demande avant de la déposer");
        await Expect(page.GetByText("Frais à payer")).ToContainTextAsync("5 000");
        await page.GetByLabel("Je certifie sur l'honneur").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Payer et déposer" }).ClickAsync();
        await Expect(Heading(page)).ToHaveTextAsync("Payer les frais de votre demande");
        await Expect(page.GetByText(new Regex("donnez le code P-"))).ToBeVisibleAsync();
        if (javaScript)
        {
            await axe.ScanAsync(page, "payment page");
        }

        // The provider's page, reached by a plain redirect.
        await page.GetByRole(AriaRole.Button, new() { Name = "Payer par mobile money" }).ClickAsync();
        await Expect(Heading(page)).ToHaveTextAsync(new Regex("^Payer 5.000 F CFA$"));
        Assert.StartsWith(host.PaySim.BaseUrl.ToString(), page.Url, StringComparison.Ordinal);
        await RegistrationForm.PayOnSimulatorAsync(page);

        // Back on the portal: paid, filed, numbered.
        await Expect(Heading(page)).ToHaveTextAsync("Paiement confirmé");
        var number = await page.Locator("strong.nowrap").TextContentAsync();
        Assert.Matches(@"^AG-2027-\d{6}$", number);
        if (javaScript)
        {
            await axe.ScanAsync(page, "return page");
        }

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Télécharger le récépissé (PDF)" }).ClickAsync());
        using (var pdf = PdfDocument.Open(await File.ReadAllBytesAsync(await download.PathAsync())))
        {
            var text = string.Concat(pdf.GetPages().Select(p => p.Text));
            Assert.Contains(number!, text, StringComparison.Ordinal);
            Assert.Contains("Frais payés", text, StringComparison.Ordinal);
        }

        await page.GotoAsync($"/mes-demandes/{number}");
        await Expect(page.GetByText("Orange Money")).ToBeVisibleAsync();
        axe.AssertNone();
    }

    private static ILocator Heading(IPage page) => page.GetByRole(AriaRole.Heading, new() { Level = 1 });

    private static Task ContinueAsync(IPage page) => page.GetByRole(AriaRole.Button, new() { Name = "Continuer", Exact = true }).ClickAsync();
}
