using EServices.BrowserTests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace EServices.BrowserTests.Accessibility;

/// <summary>axe-core on the pages of accounts known by a phone number (issue 16), error states included.</summary>
[Collection(BrowserCollection.Name)]
public sealed class AccountsAxeScanTests(BrowserHost host, Chromium chromium) : AxeScanTest(host, chromium)
{
    [Fact]
    public async Task The_pages_of_accounts_by_phone_have_no_accessibility_violations()
    {
        var page = await NewPageAsync();
        foreach (var url in new[] { "/compte/connexion", "/compte/mot-de-passe-oublie" })
        {
            await page.GotoAsync(url);
            await Axe.ScanAsync(page, url);
        }

        var phone = await Applicant.SignUpByPhoneAsync(page);
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Menu principal" }).GetByRole(AriaRole.Link, new() { Name = "Mon compte" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Mes coordonnées");
        await Axe.ScanAsync(page, "Mes coordonnées");
        await page.GetByRole(AriaRole.Button, new() { Name = "Recevoir le code" }).ClickAsync();
        await Expect(page.Locator(".error-summary")).ToBeVisibleAsync();
        await Axe.ScanAsync(page, "Mes coordonnées with errors");

        await page.GetByLabel("Nouveau numéro de téléphone").FillAsync(EServices.Tests.Infrastructure.TestSms.NewPhone());
        await page.GetByLabel("Mot de passe actuel").FillAsync(EServices.Tests.Infrastructure.TestUsers.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Recevoir le code" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Saisissez le code reçu par SMS");
        await Axe.ScanAsync(page, "code of a new number");
        await page.GetByRole(AriaRole.Button, new() { Name = "Valider le code" }).ClickAsync();
        await Expect(page.Locator(".error-summary")).ToBeVisibleAsync();
        await Axe.ScanAsync(page, "code page with errors");

        var other = await NewPageAsync();
        await other.GotoAsync("/compte/mot-de-passe-oublie");
        await other.GetByLabel("Adresse e-mail ou numéro de téléphone").FillAsync(phone);
        await other.GetByRole(AriaRole.Button, new() { Name = "Recevoir le lien ou le code" }).ClickAsync();
        await Expect(other.GetByLabel("Nouveau mot de passe")).ToBeVisibleAsync();
        await Axe.ScanAsync(other, "forgotten password: code and new password");

        Axe.AssertNone();
    }
}
