using EServices.BrowserTests.Features.Filing;
using EServices.BrowserTests.Infrastructure;
using EServices.Tests.Infrastructure;
using EServices.Web.Domain.Accounts;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace EServices.BrowserTests.Features.Counter;

/// <summary>A clerk files for a citizen at a counter, in a real browser on a counter's small screen, with axe-core on each
/// page: once for a citizen with a phone, who reads out the code they receive, once for one without, who signs the
/// printed summary.</summary>
[Collection(BrowserCollection.Name)]
public sealed class CounterJourneyTests(BrowserHost host, Chromium chromium) : AxeScanTest(host, chromium)
{
    [Fact]
    public async Task A_citizen_with_a_phone_confirms_the_request_by_the_code_they_read_out()
    {
        var page = await SignInAsClerkAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Commencer le dépôt" }).ClickAsync();
        await Expect(AttestationForm.ErrorSummary(page)).ToBeVisibleAsync();
        await Axe.ScanAsync(page, "counter, nothing typed");

        var phone = TestSms.NewPhone();
        var cnib = await OpenAsync(page, phone);
        await Expect(page.GetByRole(AriaRole.Note)).ToHaveTextAsync($"Dépôt au guichet pour Awa OUÉDRAOGO (CNIB {cnib}).");
        await Axe.ScanAsync(page, "counter, first step");
        using var files = new ScratchFolder();
        await FillAsync(page, files);
        await Axe.ScanAsync(page, "counter, review with a phone");

        var byCode = page.GetByRole(AriaRole.Region, new() { Name = "Par le code reçu sur son téléphone" });
        await byCode.GetByRole(AriaRole.Button, new() { Name = "Envoyer le code par SMS" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Code envoyé par SMS");
        await byCode.GetByLabel("Code reçu par SMS par le citoyen").FillAsync(TestUsers.CodeIn((await TestSms.LastToAsync(Host, phone)).Text));
        await byCode.GetByRole(AriaRole.Button, new() { Name = "Déposer avec ce code" }).ClickAsync();

        await Expect(Staff.Heading(page)).ToHaveTextAsync("Demande de Awa OUÉDRAOGO déposée");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Imprimer le récépissé (PDF)" })).ToBeVisibleAsync();
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), "The counter's page is wider than the screen.");
        await Axe.ScanAsync(page, "counter, filed");
        Axe.AssertNone();
    }

    [Fact]
    public async Task A_citizen_without_a_phone_signs_the_printed_summary_which_is_scanned_and_attached()
    {
        var page = await SignInAsClerkAsync();
        await OpenAsync(page, phone: null);
        using var files = new ScratchFolder();
        await FillAsync(page, files);
        await Expect(page.GetByRole(AriaRole.Region, new() { Name = "Par le code reçu sur son téléphone" })).ToHaveCountAsync(0);
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Imprimer le récapitulatif à signer (PDF)" })).ToBeVisibleAsync();
        await Axe.ScanAsync(page, "counter, review without a phone");

        var bySignature = page.GetByRole(AriaRole.Region, new() { Name = "Par sa signature sur le récapitulatif imprimé" });
        await bySignature.GetByRole(AriaRole.Button, new() { Name = "Déposer avec le récapitulatif signé" }).ClickAsync();
        await Expect(AttestationForm.ErrorSummary(page)).ToContainTextAsync("Joignez le récapitulatif signé");
        await Axe.ScanAsync(page, "counter, no scan attached");

        await page.GetByLabel("Récapitulatif signé, numérisé").SetInputFilesAsync(files.Png("récapitulatif signé.png"));
        await page.GetByRole(AriaRole.Region, new() { Name = "Par sa signature sur le récapitulatif imprimé" })
            .GetByRole(AriaRole.Button, new() { Name = "Déposer avec le récapitulatif signé" }).ClickAsync();
        await Expect(Staff.Heading(page)).ToHaveTextAsync("Demande de Awa OUÉDRAOGO déposée");
        await Expect(page.GetByText("À un prochain passage au guichet avec un téléphone")).ToBeVisibleAsync();
        await Axe.ScanAsync(page, "counter, filed on a signature");

        await page.GetByRole(AriaRole.Link, new() { Name = "Nouveau dépôt" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Table)).ToContainTextAsync("Awa OUÉDRAOGO");
        await Axe.ScanAsync(page, "counter, the day's filings");
        Axe.AssertNone();
    }

    private async Task<IPage> SignInAsClerkAsync()
    {
        var page = await NewPageAsync();
        await page.SetViewportSizeAsync(360, 740);
        var clerk = await TestStaff.CreateAsync(Host, Roles.Clerk, null, "Rasmata", "Sawadogo");
        await Staff.EnterPasswordAsync(page, clerk);
        await Staff.EnterCodeAsync(page, await Totp.NextAsync(clerk.AuthenticatorKey!));
        await Expect(Staff.Heading(page)).ToHaveTextAsync("Guichet : déposer une demande pour un citoyen");
        await Axe.ScanAsync(page, "counter, home");
        return page;
    }

    /// <summary>Identifies Awa Ouédraogo by a new card, chooses the « Attestation de travail »: lands on its first step.</summary>
    private static async Task<string> OpenAsync(IPage page, string? phone)
    {
        var cnib = "B" + Random.Shared.Next(10_000_000, 100_000_000).ToString(System.Globalization.CultureInfo.InvariantCulture);
        await page.GetByLabel("Numéro de la CNIB présentée").FillAsync(cnib);
        await page.GetByLabel("Nom", new() { Exact = true }).FillAsync("Ouédraogo");
        await page.GetByLabel("Prénoms", new() { Exact = true }).FillAsync("Awa");
        if (phone is not null)
        {
            await page.GetByLabel("Téléphone du citoyen (facultatif)").FillAsync(phone);
        }

        await page.GetByLabel("Démarche").SelectOptionAsync(new SelectOptionValue { Label = "Attestation de travail" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Commencer le dépôt" }).ClickAsync();
        await Expect(AttestationForm.Heading(page)).ToHaveTextAsync("Votre identité");
        return cnib;
    }

    /// <summary>The form filled with the citizen, the documents scanned at the counter: lands on the review.</summary>
    private static async Task FillAsync(IPage page, ScratchFolder files)
    {
        await AttestationForm.FillIdentityAsync(page, "212345A");
        await AttestationForm.ContinueAsync(page);
        await AttestationForm.FillEmploymentAsync(page);
        await AttestationForm.ChooseMotiveAsync(page, "Constitution d'un dossier bancaire");
        await AttestationForm.ContinueAsync(page);
        await AttestationForm.AttachDocumentsAsync(page, files.Pdf("cnib.pdf"), files.Png("bulletin.png"));
        await AttestationForm.ContinueToReviewAsync(page);
        await Expect(AttestationForm.Heading(page)).ToHaveTextAsync("Vérifiez la demande avec le citoyen");
    }
}
