using EServices.BrowserTests.Features.Filing;
using EServices.BrowserTests.Infrastructure;
using EServices.Tests.Features.Dashboard;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace EServices.BrowserTests.Accessibility;

/// <summary>axe-core on the ministry dashboard: with figures and charts, the weekly figures opened, on a phone, and with a bad date.</summary>
[Collection(BrowserCollection.Name)]
public sealed class DashboardAxeScanTests(BrowserHost host, Chromium chromium) : AxeScanTest(host, chromium)
{
    [Fact]
    public async Task The_dashboard_has_no_accessibility_violations_and_fits_a_phone()
    {
        var seed = await DashboardTests.SeedMarchAsync(Host);
        var page = await NewAdminPageAsync();

        await page.GetByRole(AriaRole.Navigation, new() { Name = "Menu principal" }).GetByRole(AriaRole.Link, new() { Name = "Administration" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Tableau de bord", Exact = true }).ClickAsync();
        await Expect(Staff.Heading(page)).ToHaveTextAsync("Tableau de bord");
        await Axe.ScanAsync(page, "dashboard, last twelve weeks");

        await page.GetByLabel("Du", new() { Exact = true }).FillAsync("2027-03-01");
        await page.GetByLabel("Au", new() { Exact = true }).FillAsync("2027-03-26");
        await page.GetByLabel("Service", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Value = seed.ServiceId.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        await page.GetByRole(AriaRole.Button, new() { Name = "Afficher" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Table, new() { Name = "Statistiques par démarche" })).ToContainTextAsync(seed.ProcedureTitle);
        await page.GetByText("Voir les chiffres par semaine").ClickAsync();
        await Expect(page.GetByRole(AriaRole.Table, new() { Name = "Demandes déposées et décidées par semaine (semaine du lundi)" })).ToBeVisibleAsync();
        await Axe.ScanAsync(page, "dashboard of one service in March, weekly figures open");

        // On a phone the page itself never scrolls sideways: the charts shrink and the wide tables scroll in their box.
        await page.SetViewportSizeAsync(360, 740);
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), "The dashboard is wider than a phone.");
        var chart = await page.GetByRole(AriaRole.Img, new() { Name = "Courbes des demandes déposées et décidées par semaine" }).BoundingBoxAsync();
        Assert.InRange(chart!.Width, 200, 360);
        await Axe.ScanAsync(page, "dashboard on a phone");

        await page.GotoAsync("/admin/tableau-de-bord?du=2027-02-30&au=2027-03-26");
        await Expect(AttestationForm.ErrorSummary(page)).ToBeVisibleAsync();
        await Axe.ScanAsync(page, "dashboard with a bad date");

        Axe.AssertNone();
    }
}
