using EServices.BrowserTests.Features.Filing;
using EServices.BrowserTests.Infrastructure;
using EServices.Tests.Features.Admin;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace EServices.BrowserTests.Accessibility;

/// <summary>axe-core on the groups of a service, the routing page of a procedure and the audit log viewer, with and without errors.</summary>
[Collection(BrowserCollection.Name)]
public sealed class GroupsAxeScanTests(BrowserHost host, Chromium chromium) : AxeScanTest(host, chromium)
{
    [Fact]
    public async Task Groups_routing_and_journal_pages_have_no_accessibility_violations()
    {
        var service = await TestCatalogue.CreateServiceAsync(Host);
        var procedure = await TestCatalogue.CreateRegionalProcedureAsync(Host, service.Id);
        var page = await NewAdminPageAsync();

        // Groups: the empty list, a new group sent empty, then two groups, one by default.
        await page.GotoAsync("/admin/services");
        await page.GetByRole(AriaRole.Link, new() { Name = $"Groupes du service {service.Code}" }).ClickAsync();
        await Expect(Staff.Heading(page)).ToHaveTextAsync($"Groupes du service {service.Code}");
        await Axe.ScanAsync(page, "groups, none yet");
        await page.GetByRole(AriaRole.Link, new() { Name = "Ajouter un groupe" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer le groupe" }).ClickAsync();
        await Expect(AttestationForm.ErrorSummary(page)).ToBeVisibleAsync();
        await Axe.ScanAsync(page, "new group with errors");
        await page.GetByLabel("Nom du groupe").FillAsync("Centre");
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer le groupe" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Ajouter un groupe" }).ClickAsync();
        await page.GetByLabel("Nom du groupe").FillAsync("Ouest");
        await page.GetByLabel("Groupe par défaut").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer le groupe" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Table)).ToContainTextAsync("Ouest");
        await Axe.ScanAsync(page, "groups");

        // Routing: the procedure's page from the groups page, its region field, Kadiogo to Centre.
        await page.GetByRole(AriaRole.Link, new() { Name = procedure.Title }).ClickAsync();
        await Expect(Staff.Heading(page)).ToHaveTextAsync("Orientation des demandes");
        await Axe.ScanAsync(page, "routing, no field");
        await page.GetByLabel("Champ qui oriente la demande").SelectOptionAsync("region");
        await page.GetByRole(AriaRole.Button, new() { Name = "Afficher ses réponses" }).ClickAsync();
        await page.GetByLabel("Kadiogo").SelectOptionAsync(new SelectOptionValue { Label = "Centre" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer l'orientation" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("enregistrée");
        await Axe.ScanAsync(page, "routing by region");

        // Journal: from the administration home, then a date no calendar has.
        await page.GotoAsync("/admin");
        await page.GetByRole(AriaRole.Link, new() { Name = "Journal des actions" }).ClickAsync();
        await Expect(Staff.Heading(page)).ToHaveTextAsync("Journal des actions");
        await Expect(page.GetByRole(AriaRole.Table)).ToContainTextAsync("Groupe créé");
        await Axe.ScanAsync(page, "journal");
        await page.GotoAsync("/admin/journal?du=32/13/2027");
        await Expect(AttestationForm.ErrorSummary(page)).ToBeVisibleAsync();
        await Axe.ScanAsync(page, "journal with a bad date");
        await page.GetByRole(AriaRole.Link, new() { Name = "Vérifier l'intégrité du journal" }).ClickAsync();
        await Expect(Staff.Heading(page)).ToHaveTextAsync("Intégrité du journal");
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("chaîne intacte");
        await Axe.ScanAsync(page, "journal verification");

        Axe.AssertNone();
    }
}
