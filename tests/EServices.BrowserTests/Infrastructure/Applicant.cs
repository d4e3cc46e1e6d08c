using EServices.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace EServices.BrowserTests.Infrastructure;

/// <summary>What an applicant does in the browser before any procedure: create an account.</summary>
public static class Applicant
{
    /// <summary>Signs up with a fresh e-mail through the sign-up page and activates the account with the e-mailed link
    /// (from <see cref="BrowserHost.Current"/>'s mailbox); the browser is then signed in.</summary>
    public static async Task<string> SignUpAsync(IPage page, string firstNames = "Awa", string lastName = "Ouédraogo")
    {
        var email = $"navigateur-{Guid.NewGuid():N}@exemple.bf";
        await page.GotoAsync("/compte/inscription");
        await page.GetByLabel("Nom", new() { Exact = true }).FillAsync(lastName);
        await page.GetByLabel("Prénoms", new() { Exact = true }).FillAsync(firstNames);
        await page.GetByLabel("Adresse e-mail").FillAsync(email);
        await page.GetByLabel("Téléphone").FillAsync("70 12 34 56");
        await page.GetByLabel("Mot de passe", new() { Exact = true }).FillAsync(TestUsers.Password);
        await page.GetByLabel("Confirmez le mot de passe").FillAsync(TestUsers.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Créer mon compte" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Vérifiez votre messagerie");
        var mail = await BrowserHost.Current!.Mailbox.WaitForAsync(email, TestUsers.ActivationSubject);
        await page.GotoAsync(TestUsers.ActivationPath(mail));
        await page.GetByRole(AriaRole.Button, new() { Name = "Activer mon compte" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Votre compte est créé");
        return email;
    }

    /// <summary>Signs up with a fresh phone number and no e-mail, typing the code the portal queued for that number
    /// (<see cref="BrowserHost.Current"/>'s outbox); the browser is then signed in. Returns the number.</summary>
    public static async Task<string> SignUpByPhoneAsync(IPage page, string firstNames = "Awa", string lastName = "Ouédraogo")
    {
        var phone = TestSms.NewPhone();
        await page.GotoAsync("/compte/inscription");
        await page.GetByLabel("Nom", new() { Exact = true }).FillAsync(lastName);
        await page.GetByLabel("Prénoms", new() { Exact = true }).FillAsync(firstNames);
        await page.GetByLabel("Téléphone").FillAsync(phone);
        await page.GetByLabel("Mot de passe", new() { Exact = true }).FillAsync(TestUsers.Password);
        await page.GetByLabel("Confirmez le mot de passe").FillAsync(TestUsers.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Créer mon compte" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Saisissez le code reçu par SMS");
        var sms = await TestSms.LastToAsync(BrowserHost.Current!, phone);
        await page.GetByLabel("Code reçu par SMS").FillAsync(TestUsers.CodeIn(sms.Text));
        await page.GetByRole(AriaRole.Button, new() { Name = "Valider le code" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Votre compte est créé");
        return phone;
    }
}
