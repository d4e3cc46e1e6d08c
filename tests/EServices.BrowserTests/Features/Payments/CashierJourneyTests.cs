using EServices.BrowserTests.Features.Filing;
using EServices.BrowserTests.Infrastructure;
using EServices.Tests.Features.Payments;
using EServices.Tests.Infrastructure;
using EServices.Web.Domain.Accounts;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace EServices.BrowserTests.Features.Payments;

/// <summary>The cashier's path in a real browser, then the administrator's payments list, with axe-core on each page.</summary>
[Collection(BrowserCollection.Name)]
public sealed class CashierJourneyTests(BrowserHost host, Chromium chromium) : AxeScanTest(host, chromium)
{
    [Fact]
    public async Task A_cashier_files_a_draft_from_its_code_and_the_administrator_sees_the_payment()
    {
        var seed = await PaymentSeed.CreateAsync(Host);
        var (_, code) = await seed.AwaitingAsync(5000);
        var flagged = await seed.PaymentAsync(null, 5000, "Paid", HostFixture.Now.AddHours(-2), flag: "RefundDue", reference: "OM-4411");
        var page = await NewPageAsync();
        await page.SetViewportSizeAsync(360, 740);

        var cashier = await TestStaff.CreateAsync(Host, Roles.Cashier, null, "Adama", "Ouattara");
        await Staff.EnterPasswordAsync(page, cashier);
        await Staff.EnterCodeAsync(page, await Totp.NextAsync(cashier.AuthenticatorKey!));
        await Expect(Staff.Heading(page)).ToHaveTextAsync("Caisse : paiement au guichet");
        await Axe.ScanAsync(page, "counter, empty");

        await page.GetByLabel("Code de paiement", new() { Exact = true }).FillAsync(code.ToLowerInvariant().Replace("-", " ", StringComparison.Ordinal));
        await page.GetByRole(AriaRole.Button, new() { Name = "Rechercher" }).ClickAsync();
        await Expect(page.Locator("#montant-du")).ToHaveTextAsync("5\u202F000\u00A0FCFA");
        await Axe.ScanAsync(page, "counter, the draft found");

        await page.GetByLabel("Numéro de la quittance du Trésor").FillAsync("Q-2027-0042");
        await page.GetByLabel("Montant de la quittance en francs CFA").FillAsync("cinq mille");
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer la quittance" }).ClickAsync();
        await Expect(AttestationForm.ErrorSummary(page)).ToBeVisibleAsync();
        await Expect(page.GetByLabel("Numéro de la quittance du Trésor")).ToHaveValueAsync("Q-2027-0042");
        await Axe.ScanAsync(page, "counter, a wrong amount typed");

        await page.GetByLabel("Montant de la quittance en francs CFA").FillAsync("5000");
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer la quittance" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Quittance Q20270042 enregistrée : la demande");
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), "The counter page is wider than a phone.");
        await Axe.ScanAsync(page, "counter, the receipt recorded");

        var admin = await NewAdminPageAsync();
        await admin.GotoAsync($"/admin/paiements?service={seed.Service.ServiceId}");
        await Expect(admin.GetByRole(AriaRole.Table, new() { Name = "Paiements, les plus récents d'abord" })).ToContainTextAsync("Q20270042"); // kept as one key: upper-case, without dashes
        await Axe.ScanAsync(admin, "payments list");
        await admin.SetViewportSizeAsync(360, 740);
        Assert.True(await admin.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), "The payments list is wider than a phone.");
        await Axe.ScanAsync(admin, "payments list on a phone");

        await admin.GetByRole(AriaRole.Link, new() { Name = $"Marquer remboursé : {flagged}" }).ClickAsync();
        await admin.GetByRole(AriaRole.Button, new() { Name = "Enregistrer le remboursement" }).ClickAsync();
        await Expect(AttestationForm.ErrorSummary(admin)).ToBeVisibleAsync();
        await Axe.ScanAsync(admin, "refund, no note");

        await admin.GotoAsync("/admin/paiements?du=2027-02-30");
        await Expect(AttestationForm.ErrorSummary(admin)).ToBeVisibleAsync();
        await Axe.ScanAsync(admin, "payments list with a bad date");

        Axe.AssertNone();
    }
}
