using EServices.BrowserTests.Features.Filing;
using EServices.BrowserTests.Infrastructure;
using EServices.Tests.Features.Admin;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace EServices.BrowserTests.Accessibility;

/// <summary>axe-core on the groups of a service, the routing page of a procedure and the audit log viewer, with and without errors.</summary>
[Collection(BrowserCollection.Name)]
public sealed class GroupsAxeScanTests(BrowserHost host, Chromium chromium) : IClassFixture<Chromium>
{
    private readonly AxeFindings _axe = new();

    [Fact]
    public async Task Groups_routing_and_journal_pages_have_no_accessibility_violations()
    {
        var service = await TestCatalogue.CreateServiceAsync(host);
        var procedure = await TestCatalogue.CreateRegionalProcedureAsync(host, service.Id);
        await using var context = await chromium.NewContextAsync(host.BaseAddress);
        var page = await context.NewPageAsync();
        await Staff.SignInAsNewAdminAsync(page, host);

        // Groups: the empty list, a new group sent empty, then two groups, one by default.
        await page.GotoAsync("/admin/services");
        await page.GetByRole(AriaRole.Link, new() { Name = $"Groupes du service {service.Code}" }).ClickAsync();
        await Expect(Staff.Heading(page)).ToHaveTextAsync($"Groupes du service {service.Code}");
        await _axe.ScanAsync(page, "groups, none yet");
        await page.GetByRole(AriaRole.Link, new() { Name = "Ajouter un groupe" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer le groupe" }).ClickAsync();
        await Expect(AttestationForm.ErrorSummary(page)).ToBeVisibleAsync();
        await _axe.ScanAsync(page, "new group with errors");
        await page.GetByLabel("Nom du groupe").FillAsync("Centre");
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer le groupe" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Ajouter un groupe" }).ClickAsync();
        await page.GetByLabel("Nom du groupe").FillAsync("Ouest");
        await page.GetByLabel("Groupe par défaut").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer le groupe" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Table)).ToContainTextAsync("Ouest");
        await _axe.ScanAsync(page, "groups");

        // Routing: the procedure's page from the groups page, its region field, Kadiogo to Centre.
        await page.GetByRole(AriaRole.Link, new() { Name = procedure.Title }).ClickAsync();
        await Expect(Staff.Heading(page)).ToHaveTextAsync("Orientation des demandes");
        await _axe.ScanAsync(page, "routing, no field");
        await page.GetByLabel("Champ qui oriente la demande").SelectOptionAsync("region");
        await page.GetByRole(AriaRole.Button, new() { Name = "Afficher ses réponses" }).ClickAsync();
        await page.GetByLabel("Kadiogo").SelectOptionAsync(new SelectOptionValue { Label = "Centre" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer l'orientation" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("enregistrée");
        await _axe.ScanAsync(page, "routing by region");

        // Journal: from the administration home, then a date no calendar has.
        await page.GotoAsync("/admin");
        await page.GetByRole(AriaRole.Link, new() { Name = "Journal des actions" }).ClickAsync();
        await Expect(Staff.Heading(page)).ToHaveTextAsync("Journal des actions");
        await Expect(page.GetByRole(AriaRole.Table)).ToContainTextAsync("Groupe créé");
        await _axe.ScanAsync(page, "journal");
        await page.GotoAsync("/admin/journal?du=32/13/2027");
        await Expect(AttestationForm.ErrorSummary(page)).ToBeVisibleAsync();
        await _axe.ScanAsync(page, "journal with a bad date");
        await page.GetByRole(AriaRole.Link, new() { Name = "Vérifier l'intégrité du journal" }).ClickAsync();
        await Expect(Staff.Heading(page)).ToHaveTextAsync("Intégrité du journal");
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("chaîne intacte");
        await _axe.ScanAsync(page, "journal verification");

        _axe.AssertNone();
    }
}
