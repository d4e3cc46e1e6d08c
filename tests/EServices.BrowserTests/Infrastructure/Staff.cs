using EServices.Web.Domain.Accounts;
using EServices.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace EServices.BrowserTests.Infrastructure;

/// <summary>A member of staff at the sign-in pages: e-mail and password, then the code of their authenticator app.</summary>
public static class Staff
{
    public static ILocator Heading(IPage page) => page.GetByRole(AriaRole.Heading, new() { Level = 1 });

    /// <summary>Creates an administrator (Salif Compaoré, with an authenticator app) and signs them in; stops on the inbox.</summary>
    public static async Task SignInAsNewAdminAsync(IPage page, HostFixture host) =>
        await SignInAsync(page, await TestStaff.CreateAsync(host, Roles.Admin, null, "Salif", "Compaoré"));

    /// <summary>Signs in with password and code; stops on the back-office inbox.</summary>
    public static async Task SignInAsync(IPage page, TestUser staff)
    {
        await EnterPasswordAsync(page, staff);
        await Expect(Heading(page)).ToHaveTextAsync("Code de vérification");
        await EnterCodeAsync(page, await Totp.NextAsync(staff.AuthenticatorKey!));
        await Expect(Heading(page)).ToHaveTextAsync("Demandes à traiter");
    }

    /// <summary>From the home page, "Se connecter" with e-mail and password; stops wherever the portal sends them next.</summary>
    public static async Task EnterPasswordAsync(IPage page, TestUser staff)
    {
        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Menu principal" }).GetByRole(AriaRole.Link, new() { Name = "Se connecter" }).ClickAsync();
        await page.GetByLabel("Adresse e-mail").FillAsync(staff.Email);
        await page.GetByLabel("Mot de passe", new() { Exact = true }).FillAsync(staff.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Se connecter" }).ClickAsync();
    }

    /// <summary>Types a code into "Code à 6 chiffres" and validates it.</summary>
    public static async Task EnterCodeAsync(IPage page, string code)
    {
        await page.GetByLabel("Code à 6 chiffres").FillAsync(code);
        await page.GetByRole(AriaRole.Button, new() { Name = "Valider" }).ClickAsync();
    }
}
