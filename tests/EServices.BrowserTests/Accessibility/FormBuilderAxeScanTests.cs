using EServices.BrowserTests.Features.Admin;
using EServices.BrowserTests.Features.Filing;
using EServices.BrowserTests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace EServices.BrowserTests.Accessibility;

/// <summary>axe-core on the pages that put a procedure online: its sheet with the status box, the form builder,
/// the field editor (with and without errors) and the preview of a step.</summary>
[Collection(BrowserCollection.Name)]
public sealed class FormBuilderAxeScanTests(BrowserHost host, Chromium chromium) : AxeScanTest(host, chromium)
{
    [Fact]
    public async Task Form_builder_pages_have_no_accessibility_violations()
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var title = $"Demande de disponibilité {suffix}";
        var page = await NewAdminPageAsync();

        // The sheet of a new procedure, not online yet; its form, empty (with the problems to fix).
        await ProcedureDesk.CreateAsync(page, title, $"demande-de-disponibilite-{suffix}");
        await Expect(ProcedureDesk.StatusBox(page)).ToContainTextAsync("Pas encore en ligne.");
        await Axe.ScanAsync(page, "sheet, not online");
        await ProcedureDesk.OpenBuilderAsync(page, title);
        await Expect(page.GetByText("À corriger avant publication")).ToBeVisibleAsync();
        await Axe.ScanAsync(page, "empty form builder");

        // The field editor, blank then sent with errors.
        await page.GetByRole(AriaRole.Link, new() { Name = "Ajouter un champ à l'étape 1" }).ClickAsync();
        await Expect(ProcedureDesk.Heading(page)).ToHaveTextAsync("Nouveau champ");
        Assert.EndsWith("/formulaire/champs/nouveau?etape=1", page.Url, StringComparison.Ordinal);
        await Axe.ScanAsync(page, "new field");
        await page.GetByLabel("Type de champ").SelectOptionAsync(new SelectOptionValue { Value = "Choice" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer le champ" }).ClickAsync();
        await Expect(AttestationForm.ErrorSummary(page)).ToBeVisibleAsync();
        await Expect(AttestationForm.ErrorSummary(page)).ToContainTextAsync("Saisissez les choix proposés, un par ligne.");
        await Axe.ScanAsync(page, "new field with errors");

        // A few fields of every kind of row: a choice, a field shown for one answer, a file.
        await page.GetByRole(AriaRole.Link, new() { Name = "Annuler" }).ClickAsync();
        await ProcedureDesk.AddFieldAsync(page, 1, new("Choice", "Motif de la disponibilité", "motif_disponibilite")
        {
            Options = "convenances | Convenances personnelles\nautre | Autre motif",
        });
        await ProcedureDesk.AddFieldAsync(page, 1, new("LongText", "Précisez le motif", "precisions") { ShowWhen = ("motif_disponibilite", "autre") });
        await ProcedureDesk.AddFieldAsync(page, 1, new("File", "Demande manuscrite", "demande"));
        await Expect(ProcedureDesk.StatusBox(page)).ToContainTextAsync("Brouillon de la version 1 en cours de modification.");
        await Axe.ScanAsync(page, "form builder with fields and a draft");

        // The preview of step 1, then sent empty: the applicant's errors.
        await page.GetByRole(AriaRole.Link, new() { Name = "Aperçu du formulaire, tel que le verra le demandeur" }).ClickAsync();
        await Expect(ProcedureDesk.Heading(page)).ToHaveTextAsync("Votre demande");
        Assert.EndsWith("/formulaire/apercu/1", page.Url, StringComparison.Ordinal);
        await Axe.ScanAsync(page, "preview of step 1");
        await AttestationForm.ContinueToReviewAsync(page);
        await Expect(AttestationForm.ErrorSummary(page)).ToBeVisibleAsync();
        await Axe.ScanAsync(page, "preview of step 1 with errors");

        // The sheet again: the status box now offers to publish, test or drop the draft; then once online.
        await page.GetByRole(AriaRole.Link, new() { Name = "Retour au formulaire" }).ClickAsync();
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Pages de la démarche" }).GetByRole(AriaRole.Link, new() { Name = "Fiche" }).ClickAsync();
        await Expect(ProcedureDesk.StatusBox(page).GetByRole(AriaRole.Button, new() { Name = "Publier la version 1" })).ToBeVisibleAsync();
        await Axe.ScanAsync(page, "sheet with a draft");
        await ProcedureDesk.StatusBox(page).GetByRole(AriaRole.Button, new() { Name = "Publier la version 1" }).ClickAsync();
        await Expect(ProcedureDesk.StatusBox(page)).ToContainTextAsync("Version 1 en ligne");
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Pages de la démarche" }).GetByRole(AriaRole.Link, new() { Name = "Fiche" }).ClickAsync();
        await Expect(ProcedureDesk.StatusBox(page).GetByRole(AriaRole.Button, new() { Name = "Fermer aux nouvelles demandes" })).ToBeVisibleAsync();
        await Axe.ScanAsync(page, "sheet, version 1 online");

        Axe.AssertNone();
    }
}
