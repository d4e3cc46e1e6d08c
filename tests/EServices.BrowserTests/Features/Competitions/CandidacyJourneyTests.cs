using EServices.BrowserTests.Infrastructure;
using EServices.Tests.Features.Competitions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace EServices.BrowserTests.Features.Competitions;

/// <summary>A candidate on a 360 px phone applies to a competition: identity, diploma, documents, centre, review, pays
/// on the simulator's page, reads the number, opens « Modifier ma candidature »; with JavaScript on (axe on every page of
/// the application) and off. The session is removed at the end: the generic registration (FeeJourneyTests) starts
/// from its own form again.</summary>
[Collection(BrowserCollection.Name)]
public sealed class CandidacyJourneyTests(BrowserHost host, Chromium chromium) : IClassFixture<Chromium>
{
    [Fact]
    public Task Candidate_applies_pays_and_gets_a_number_on_a_phone() => ApplyAsync(javaScript: true);

    [Fact]
    public Task Candidate_applies_with_javascript_off() => ApplyAsync(javaScript: false);

    private async Task ApplyAsync(bool javaScript)
    {
        var competition = await CompetitionSeed.AddAsync(host);
        try
        {
            await using var context = await chromium.NewContextAsync(host.BaseAddress, javaScript);
            var page = await context.NewPageAsync();
            await page.SetViewportSizeAsync(360, 740);
            using var files = new ScratchFolder();
            var axe = new AxeFindings();
            async Task ScanAsync(string what)
            {
                if (javaScript)
                {
                    await axe.ScanAsync(page, what);
                }
            }

            await Applicant.SignUpAsync(page);
            await StartAsync(context, page, competition.Code);
            await Expect(Heading(page)).ToHaveTextAsync("Votre identité");
            await ScanAsync("identity step");
            await RegistrationForm.FillIdentityAsync(page, "1980-06-15", CompetitionSeed.NewCnib());
            await ContinueAsync(page);

            // Too old: told before paying, next to the birth date.
            await Expect(page.Locator("#date_naissance-erreur")).ToContainTextAsync("ce concours est ouvert jusqu'à 35 ans");
            await ScanAsync("identity step with an eligibility error");
            await page.GetByLabel("Date de naissance").FillAsync("2001-06-15");
            await ContinueAsync(page);
            await Expect(Heading(page)).ToHaveTextAsync("Votre diplôme");
            await ScanAsync("diploma step");
            await page.GetByLabel("Diplôme le plus élevé").SelectOptionAsync(new SelectOptionValue { Label = "BEPC" });
            await page.GetByLabel("Année d'obtention").FillAsync("2018");
            await ContinueAsync(page);
            await Expect(Heading(page)).ToHaveTextAsync("Pièces justificatives");
            await ScanAsync("documents step");
            await page.GetByLabel("Copie de la CNIB").SetInputFilesAsync(files.Pdf("cnib.pdf"));
            await page.GetByLabel("Copie du diplôme").SetInputFilesAsync(files.Pdf("bepc.pdf"));
            await page.GetByLabel("Extrait d'acte de naissance").SetInputFilesAsync(files.Pdf("naissance.pdf"));
            await ContinueAsync(page);
            await Expect(Heading(page)).ToHaveTextAsync("Centre de composition");
            await ScanAsync("centre page");
            await page.GetByRole(AriaRole.Radio, new() { Name = "Koudougou — 1 place restante" }).CheckAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Continuer vers le récapitulatif" }).ClickAsync();

            await Expect(Heading(page)).ToHaveTextAsync("Vérifiez votre candidature avant de la déposer");
            await Expect(page.GetByText("Frais de participation :")).ToContainTextAsync("5 000");
            await ScanAsync("review");
            await page.GetByLabel("Je certifie sur l'honneur").CheckAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Payer et déposer" }).ClickAsync();
            await Expect(Heading(page)).ToHaveTextAsync("Payer les frais de votre demande");
            await page.GetByRole(AriaRole.Button, new() { Name = "Payer par mobile money" }).ClickAsync();
            await RegistrationForm.PayOnSimulatorAsync(page);

            await Expect(Heading(page)).ToHaveTextAsync("Paiement confirmé");
            var number = await page.Locator("strong.nowrap").TextContentAsync();
            Assert.Matches(@"^AG-2027-\d{6}$", number);
            await page.GotoAsync($"/mes-demandes/{number}");
            await page.GetByRole(AriaRole.Link, new() { Name = "Modifier ma candidature" }).ClickAsync();
            await Expect(Heading(page)).ToHaveTextAsync("Modifier ma candidature");
            await ScanAsync("amend page");
            axe.AssertNone();
        }
        finally
        {
            await CompetitionSeed.RemoveSessionAsync(host, competition.SessionId);
        }
    }

    /// <summary>« Postuler » as the competition's page posts it (the page is the list's feature): the signed-in browser's own
    /// cookies and antiforgery token, then the page it is sent to.</summary>
    private static async Task StartAsync(IBrowserContext context, IPage page, string code)
    {
        await page.GotoAsync("/");
        var token = await page.Locator("input[name=__RequestVerificationToken]").First.GetAttributeAsync("value");
        var form = context.APIRequest.CreateFormData();
        form.Set("__RequestVerificationToken", token!);
        var response = await context.APIRequest.PostAsync($"/concours/{code}/candidature", new() { Form = form, MaxRedirects = 0 });
        Assert.Equal(302, response.Status);
        await page.GotoAsync(new Uri(response.Headers["location"], UriKind.RelativeOrAbsolute).ToString());
    }

    private static ILocator Heading(IPage page) => page.GetByRole(AriaRole.Heading, new() { Level = 1 });

    private static Task ContinueAsync(IPage page) => page.GetByRole(AriaRole.Button, new() { Name = "Continuer", Exact = true }).ClickAsync();
}
