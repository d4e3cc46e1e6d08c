using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace EServices.BrowserTests.Features.Filing;

/// <summary>The "Attestation de travail" procedure as an applicant goes through it in a browser, page by page.</summary>
public static class AttestationForm
{
    public const string MotiveHint = "Seulement si vous avez répondu « Autre motif » à « Motif de la demande »";

    public static ILocator Heading(IPage page) => page.GetByRole(AriaRole.Heading, new() { Level = 1 });

    public static ILocator ErrorSummary(IPage page) => page.GetByRole(AriaRole.Alert, new() { Name = "Votre saisie contient des erreurs" });

    public static ILocator OtherMotive(IPage page) => page.GetByLabel("Précisez le motif");

    /// <summary>From the home page: searches, opens the sheet and starts the procedure; stops on step 1.</summary>
    public static async Task FindAndStartAsync(IPage page)
    {
        await page.GotoAsync("/");
        await page.GetByLabel("Rechercher une démarche").FillAsync("attestation de travail");
        await page.GetByRole(AriaRole.Button, new() { Name = "Rechercher" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Attestation de travail", Exact = true }).ClickAsync();
        await Expect(Heading(page)).ToHaveTextAsync("Attestation de travail");
        await page.GetByRole(AriaRole.Button, new() { Name = "Commencer la démarche" }).ClickAsync();
        await Expect(Heading(page)).ToHaveTextAsync("Votre identité");
    }

    public static async Task FillIdentityAsync(IPage page, string matricule)
    {
        await page.GetByLabel("Matricule").FillAsync(matricule);
        await page.GetByLabel("Nom", new() { Exact = true }).FillAsync("Ouédraogo");
        await page.GetByLabel("Prénoms", new() { Exact = true }).FillAsync("Awa");
        await page.GetByLabel("Date de naissance").FillAsync("1988-05-14");
        await page.GetByLabel("Téléphone").FillAsync("70123456");
    }

    /// <summary>Fills step 2 except the motive, which each test chooses as it needs.</summary>
    public static async Task FillEmploymentAsync(IPage page)
    {
        await page.GetByLabel("Ministère ou institution").FillAsync("Ministère de la Santé");
        await page.GetByLabel("Structure").FillAsync("CHU Yalgado Ouédraogo");
        await page.GetByLabel("Emploi", new() { Exact = true }).FillAsync("Infirmière d'État");
        await page.GetByLabel("Date de prise de service").FillAsync("2015-02-01");
    }

    public static Task ChooseMotiveAsync(IPage page, string motive) =>
        page.GetByRole(AriaRole.Group, new() { Name = "Motif de la demande" }).GetByRole(AriaRole.Radio, new() { Name = motive }).CheckAsync();

    public static async Task AttachDocumentsAsync(IPage page, string cnib, string bulletin)
    {
        await page.GetByLabel("Copie de la CNIB").SetInputFilesAsync(cnib);
        await page.GetByLabel("Dernier bulletin de salaire").SetInputFilesAsync(bulletin);
    }

    public static Task ContinueAsync(IPage page) =>
        page.GetByRole(AriaRole.Button, new() { Name = "Continuer", Exact = true }).ClickAsync();

    public static Task ContinueToReviewAsync(IPage page) =>
        page.GetByRole(AriaRole.Button, new() { Name = "Continuer vers le récapitulatif" }).ClickAsync();

    /// <summary>Ticks the declaration and files the request; stops on the request's page.</summary>
    public static async Task DeclareAndFileAsync(IPage page)
    {
        await page.GetByLabel("Je certifie sur l'honneur").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Déposer ma demande" }).ClickAsync();
    }
}
