using EServices.BrowserTests.Features.Filing;
using EServices.BrowserTests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace EServices.BrowserTests.Accessibility;

/// <summary>axe-core on every page of the citizen's path, as Chromium shows it with JavaScript on, error states included.</summary>
[Collection(BrowserCollection.Name)]
public sealed class AxeScanTests(BrowserHost host, Chromium chromium) : AxeScanTest(host, chromium)
{
    [Fact]
    public async Task Catalogue_pages_and_sign_up_have_no_accessibility_violations()
    {
        var page = await NewPageAsync();

        foreach (var url in new[] { "/", "/demarches", "/demarches/attestation-de-travail", "/statistiques", "/compte/inscription" })
        {
            await page.GotoAsync(url);
            await Axe.ScanAsync(page, url);
        }

        Axe.AssertNone();
    }

    [Fact]
    public async Task Every_page_of_filing_an_attestation_has_no_accessibility_violations()
    {
        var page = await NewPageAsync();
        using var files = new ScratchFolder();
        await Applicant.SignUpAsync(page);
        await page.GotoAsync("/demarches/attestation-de-travail");
        await page.GetByRole(AriaRole.Button, new() { Name = "Commencer la démarche" }).ClickAsync();

        await Axe.ScanAsync(page, "step 1");
        await AttestationForm.ContinueAsync(page);
        await Expect(AttestationForm.ErrorSummary(page)).ToBeVisibleAsync();
        await Axe.ScanAsync(page, "step 1 with errors");
        await AttestationForm.FillIdentityAsync(page, "212345A");
        await AttestationForm.ContinueAsync(page);

        await Expect(AttestationForm.Heading(page)).ToHaveTextAsync("Votre emploi");
        await Axe.ScanAsync(page, "step 2");
        await AttestationForm.FillEmploymentAsync(page);
        await AttestationForm.ChooseMotiveAsync(page, "Autre motif");
        await AttestationForm.ContinueAsync(page);
        await Expect(AttestationForm.ErrorSummary(page)).ToBeVisibleAsync();
        await Axe.ScanAsync(page, "step 2 with errors, other motive shown");
        await AttestationForm.OtherMotive(page).FillAsync("Demande de visa");
        await AttestationForm.ContinueAsync(page);

        await Expect(AttestationForm.Heading(page)).ToHaveTextAsync("Pièces justificatives");
        await Axe.ScanAsync(page, "step 3");
        await AttestationForm.ContinueToReviewAsync(page);
        await Expect(AttestationForm.ErrorSummary(page)).ToBeVisibleAsync();
        await Axe.ScanAsync(page, "step 3 with errors");
        await AttestationForm.AttachDocumentsAsync(page, files.Pdf("cnib.pdf"), files.Pdf("bulletin.pdf"));
        await AttestationForm.ContinueToReviewAsync(page);

        await Expect(AttestationForm.Heading(page)).ToHaveTextAsync("Vérifiez votre demande avant de la déposer");
        await Axe.ScanAsync(page, "review");
        await page.GetByRole(AriaRole.Button, new() { Name = "Déposer ma demande" }).ClickAsync();
        await Expect(AttestationForm.ErrorSummary(page)).ToBeVisibleAsync();
        await Axe.ScanAsync(page, "review without the declaration");
        await AttestationForm.DeclareAndFileAsync(page);

        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Votre demande est déposée");
        await Axe.ScanAsync(page, "request page");
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Menu principal" }).GetByRole(AriaRole.Link, new() { Name = "Mes demandes" }).ClickAsync();
        await Expect(AttestationForm.Heading(page)).ToHaveTextAsync("Mes demandes");
        await Axe.ScanAsync(page, "Mes demandes");

        Axe.AssertNone();
    }
}
