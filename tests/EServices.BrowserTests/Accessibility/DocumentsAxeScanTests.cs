using EServices.BrowserTests.Features.Filing;
using EServices.BrowserTests.Infrastructure;
using EServices.Tests.Features.Admin;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace EServices.BrowserTests.Accessibility;

/// <summary>An administrator writes a procedure's certificate in the browser: a mistyped placeholder is refused next to the
/// field, the preview PDF opens in a new tab, the save is confirmed; axe scans each state.</summary>
[Collection(BrowserCollection.Name)]
public sealed class DocumentsAxeScanTests(BrowserHost host, Chromium chromium) : AxeScanTest(host, chromium)
{
    [Fact]
    public async Task The_documents_page_refuses_an_unknown_placeholder_previews_and_saves_without_accessibility_violations()
    {
        var service = await TestCatalogue.CreateServiceAsync(Host);
        var procedure = await TestCatalogue.CreateRegionalProcedureAsync(Host, service.Id);
        var page = await NewAdminPageAsync();

        await page.GotoAsync($"/admin/demarches/{procedure.Id}");
        await page.GetByRole(AriaRole.Link, new() { Name = "Documents et e-mails" }).ClickAsync();
        await Expect(Staff.Heading(page)).ToHaveTextAsync("Documents et e-mails");
        await page.GetByText("Mots utilisables entre doubles accolades").ClickAsync();
        await Expect(page.GetByRole(AriaRole.Table, new() { Name = "Réponses au formulaire (version en ligne et brouillon)" })).ToContainTextAsync("{{region}}");
        await Axe.ScanAsync(page, "documents and e-mails");

        await page.GetByLabel("Titre du document").FillAsync("Attestation de mutation");
        await page.GetByLabel("Préfixe des numéros").FillAsync("MUT");
        await page.GetByLabel("Texte de l'attestation").FillAsync("{{nom}} est muté(e) dans la région {{regoin}}.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer les documents et e-mails" }).ClickAsync();
        await Expect(AttestationForm.ErrorSummary(page)).ToContainTextAsync("{{regoin}} n'est ni un mot de la liste");
        await Expect(page.GetByLabel("Texte de l'attestation")).ToHaveValueAsync("{{nom}} est muté(e) dans la région {{regoin}}.");
        await Axe.ScanAsync(page, "documents with an unknown placeholder");

        await page.GetByLabel("Texte de l'attestation").FillAsync("{{nom}} est muté(e) dans la région {{region}}.");
        // The preview opens in a new tab: its response is watched on the whole browser context.
        var preview = new TaskCompletionSource<IResponse>(TaskCreationOptions.RunContinuationsAsynchronously);
        page.Context.Response += (_, r) =>
        {
            if (r.Url.EndsWith("/apercu/attestation", StringComparison.Ordinal))
            {
                preview.TrySetResult(r);
            }
        };
        var popup = await page.Context.RunAndWaitForPageAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Aperçu PDF de l'attestation" }).ClickAsync());
        var response = await preview.Task.WaitAsync(TimeSpan.FromSeconds(15));
        Assert.Equal(200, response.Status);
        Assert.Equal("application/pdf", response.Headers["content-type"]);
        await popup.CloseAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer les documents et e-mails" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("enregistrés");
        await Expect(page.GetByLabel("Texte de l'attestation")).ToHaveValueAsync("{{nom}} est muté(e) dans la région {{region}}.");
        await Axe.ScanAsync(page, "documents saved");

        Axe.AssertNone();
    }
}
