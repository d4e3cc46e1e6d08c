using Microsoft.Playwright;

namespace EServices.BrowserTests.Infrastructure;

/// <summary>The competition registration form (« Inscription à un concours direct ») as a candidate fills it, through the
/// generic steps or the competition's pages, and its fee paid on the simulator's page.</summary>
public static class RegistrationForm
{
    /// <summary>« Votre identité », every field but the e-mail.</summary>
    public static async Task FillIdentityAsync(IPage page, string born, string cnib)
    {
        await page.GetByLabel("Nom", new() { Exact = true }).FillAsync("Ouédraogo");
        await page.GetByLabel("Prénoms", new() { Exact = true }).FillAsync("Awa");
        await page.GetByRole(AriaRole.Group, new() { Name = "Sexe" }).GetByRole(AriaRole.Radio, new() { Name = "Féminin" }).CheckAsync();
        await page.GetByLabel("Date de naissance").FillAsync(born);
        await page.GetByLabel("Lieu de naissance").FillAsync("Koudougou");
        await page.GetByRole(AriaRole.Group, new() { Name = "Nationalité" }).GetByRole(AriaRole.Radio, new() { Name = "Burkinabè" }).CheckAsync();
        await page.GetByLabel("Numéro de la CNIB").FillAsync(cnib);
        await page.GetByLabel("Téléphone").FillAsync("70123456");
    }

    /// <summary>On the simulator's payment page: Orange Money, accepted.</summary>
    public static async Task PayOnSimulatorAsync(IPage page)
    {
        await page.GetByLabel("Orange Money").CheckAsync();
        await page.GetByLabel("Succès : le paiement est accepté").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Valider" }).ClickAsync();
    }
}
