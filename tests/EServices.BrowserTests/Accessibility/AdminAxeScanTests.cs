using EServices.Web.Domain.Accounts;
using EServices.BrowserTests.Features.Filing;
using EServices.BrowserTests.Infrastructure;
using EServices.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace EServices.BrowserTests.Accessibility;

/// <summary>axe-core on the administration pages: services, categories and staff accounts, their forms with and without errors.</summary>
[Collection(BrowserCollection.Name)]
public sealed class AdminAxeScanTests(BrowserHost host, Chromium chromium) : AxeScanTest(host, chromium)
{
    [Fact]
    public async Task Administration_pages_have_no_accessibility_violations()
    {
        await TestStaff.CreateAsync(Host, Roles.Agent, "DGFP", "Fatimata", "Zerbo");
        var page = await NewAdminPageAsync();

        await page.GetByRole(AriaRole.Navigation, new() { Name = "Menu principal" }).GetByRole(AriaRole.Link, new() { Name = "Administration" }).ClickAsync();
        await Expect(Staff.Heading(page)).ToHaveTextAsync("Administration");
        await Axe.ScanAsync(page, "administration home");
        var breadcrumb = page.GetByRole(AriaRole.Navigation, new() { Name = "Fil d'Ariane" });

        // Services: the list, a service, a new one sent empty.
        await page.GetByRole(AriaRole.Link, new() { Name = "Services", Exact = true }).ClickAsync();
        await Expect(Staff.Heading(page)).ToHaveTextAsync("Services");
        await Axe.ScanAsync(page, "services");
        await page.GetByRole(AriaRole.Table).GetByRole(AriaRole.Link, new() { Name = "DGFP", Exact = true }).ClickAsync();
        await Expect(Staff.Heading(page)).ToHaveTextAsync("Service DGFP");
        await Axe.ScanAsync(page, "service DGFP");
        await breadcrumb.GetByRole(AriaRole.Link, new() { Name = "Services" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Ajouter un service" }).ClickAsync();
        await Expect(Staff.Heading(page)).ToHaveTextAsync("Nouveau service");
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer" }).ClickAsync();
        await Expect(AttestationForm.ErrorSummary(page)).ToBeVisibleAsync();
        await Axe.ScanAsync(page, "new service with errors");

        // Categories: the list and a new one.
        await breadcrumb.GetByRole(AriaRole.Link, new() { Name = "Administration" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Catégories", Exact = true }).ClickAsync();
        await Expect(Staff.Heading(page)).ToHaveTextAsync("Catégories");
        await Axe.ScanAsync(page, "categories");
        await page.GetByRole(AriaRole.Link, new() { Name = "Ajouter une catégorie" }).ClickAsync();
        await Expect(Staff.Heading(page)).ToHaveTextAsync("Nouvelle catégorie");
        await Axe.ScanAsync(page, "new category");

        // Staff: the list, an invitation sent empty, an agent's account.
        await breadcrumb.GetByRole(AriaRole.Link, new() { Name = "Administration" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Agents", Exact = true }).ClickAsync();
        await Expect(Staff.Heading(page)).ToHaveTextAsync("Agents");
        await Axe.ScanAsync(page, "staff");
        await page.GetByRole(AriaRole.Link, new() { Name = "Inviter un agent" }).ClickAsync();
        await Expect(Staff.Heading(page)).ToHaveTextAsync("Inviter un agent");
        await page.GetByRole(AriaRole.Button, new() { Name = "Envoyer l'invitation" }).ClickAsync();
        await Expect(AttestationForm.ErrorSummary(page)).ToBeVisibleAsync();
        await Axe.ScanAsync(page, "invitation with errors");
        await breadcrumb.GetByRole(AriaRole.Link, new() { Name = "Agents" }).ClickAsync();
        await page.GetByRole(AriaRole.Table).GetByRole(AriaRole.Link, new() { Name = "Fatimata ZERBO" }).ClickAsync();
        await Expect(Staff.Heading(page)).ToHaveTextAsync("Compte de Fatimata Zerbo");
        await Axe.ScanAsync(page, "agent's account");

        Axe.AssertNone();
    }
}
