using System.Text.RegularExpressions;
using EServices.BrowserTests.Infrastructure;
using Microsoft.Playwright;
using UglyToad.PdfPig;
using static Microsoft.Playwright.Assertions;

namespace EServices.BrowserTests.Features.Filing;

/// <summary>The whole citizen journey in Chromium, from sign-up to the receipt, with and without JavaScript.</summary>
[Collection(BrowserCollection.Name)]
public sealed partial class AttestationJourneyTests(BrowserHost host, Chromium chromium) : IClassFixture<Chromium>
{
    private const string MatriculeError = "le matricule est composé de 6 ou 7 chiffres suivis d'une lettre";

    [Fact]
    public Task Applicant_finds_files_an_attestation_and_downloads_its_receipt() => FileAnAttestationAsync(javaScript: true);

    [Fact]
    public Task Applicant_files_an_attestation_with_javascript_off_and_reads_when_to_fill_the_other_motive() =>
        FileAnAttestationAsync(javaScript: false);

    private async Task FileAnAttestationAsync(bool javaScript)
    {
        await using var context = await chromium.NewContextAsync(host.BaseAddress, javaScript);
        var page = await context.NewPageAsync();
        using var files = new ScratchFolder();
        await Applicant.SignUpAsync(page, "Awa", "Ouédraogo");
        await AttestationForm.FindAndStartAsync(page);

        // Step 1: a malformed matricule is refused, next to the field and in the summary; nothing typed is lost.
        await AttestationForm.FillIdentityAsync(page, matricule: "12AB");
        await AttestationForm.ContinueAsync(page);
        await Expect(AttestationForm.Heading(page)).ToHaveTextAsync("Votre identité");
        var matricule = page.GetByLabel("Matricule");
        await Expect(matricule).ToHaveAccessibleDescriptionAsync(new Regex(Regex.Escape(MatriculeError)));
        await Expect(AttestationForm.ErrorSummary(page).GetByRole(AriaRole.Link)).ToHaveTextAsync(new Regex(Regex.Escape(MatriculeError)));
        await Expect(page.GetByText(MatriculeError)).ToHaveCountAsync(2); // in the summary and above the field
        await Expect(page.GetByLabel("Prénoms", new() { Exact = true })).ToHaveValueAsync("Awa");
        if (javaScript)
        {
            await Expect(AttestationForm.ErrorSummary(page)).ToBeFocusedAsync();
        }

        await matricule.FillAsync("212345A");
        await AttestationForm.ContinueAsync(page);

        // Step 2: "Précisez le motif" depends on the motive; with JavaScript it shows only for "Autre motif".
        await Expect(AttestationForm.Heading(page)).ToHaveTextAsync("Votre emploi");
        await AttestationForm.FillEmploymentAsync(page);
        var otherMotive = AttestationForm.OtherMotive(page);
        var hint = page.GetByText(AttestationForm.MotiveHint);
        if (javaScript)
        {
            await Expect(otherMotive).ToBeHiddenAsync();
            await Expect(hint).ToBeHiddenAsync();
            await AttestationForm.ChooseMotiveAsync(page, "Autre motif");
            await Expect(otherMotive).ToBeVisibleAsync();
            await AttestationForm.ChooseMotiveAsync(page, "Constitution d'un dossier bancaire");
            await Expect(otherMotive).ToBeHiddenAsync();
        }
        else
        {
            await Expect(otherMotive).ToBeVisibleAsync();
            await Expect(hint).ToBeVisibleAsync();
        }

        await AttestationForm.ChooseMotiveAsync(page, "Autre motif");
        await otherMotive.FillAsync("Demande de visa");
        await AttestationForm.ContinueAsync(page);

        // Step 3: the two documents, as PDF files picked from the disk.
        await Expect(AttestationForm.Heading(page)).ToHaveTextAsync("Pièces justificatives");
        await AttestationForm.AttachDocumentsAsync(page, files.Pdf("cnib.pdf"), files.Pdf("bulletin-mars.pdf"));
        await AttestationForm.ContinueToReviewAsync(page);

        // Review: every answer as typed, then the declaration and the filing.
        await Expect(AttestationForm.Heading(page)).ToHaveTextAsync("Vérifiez votre demande avant de la déposer");
        var main = page.GetByRole(AriaRole.Main);
        foreach (var answer in new[] { "212345A", "Ouédraogo", "14/05/1988", "+226 70 12 34 56", "CHU Yalgado Ouédraogo", "Autre motif", "Demande de visa", "cnib.pdf", "bulletin-mars.pdf" })
        {
            await Expect(main).ToContainTextAsync(answer);
        }

        await AttestationForm.DeclareAndFileAsync(page);
        var notice = page.GetByRole(AriaRole.Status);
        await Expect(notice).ToHaveTextAsync(TrackingNotice());
        var number = TrackingNumber().Match(await notice.InnerTextAsync()).Value;
        await Expect(AttestationForm.Heading(page)).ToHaveTextAsync($"Demande {number}");

        // The receipt, downloaded as a person does, names the request and the applicant.
        var download = await page.RunAndWaitForDownloadAsync(() =>
            page.GetByRole(AriaRole.Link, new() { Name = "Télécharger le récépissé (PDF)" }).ClickAsync());
        Assert.Equal($"recepisse-{number}.pdf", download.SuggestedFilename);
        var receipt = PdfText(await File.ReadAllBytesAsync((await download.PathAsync())!));
        Assert.Contains(number, receipt, StringComparison.Ordinal);
        Assert.Contains("Awa OUÉDRAOGO", receipt, StringComparison.Ordinal);

        // "Mes demandes" lists it.
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Menu principal" }).GetByRole(AriaRole.Link, new() { Name = "Mes demandes" }).ClickAsync();
        await Expect(AttestationForm.Heading(page)).ToHaveTextAsync("Mes demandes");
        var row = page.GetByRole(AriaRole.Row).Filter(new() { Has = page.GetByRole(AriaRole.Link, new() { Name = number }) });
        await Expect(row).ToContainTextAsync("Attestation de travail");
        await Expect(row).ToContainTextAsync("Déposée");
    }

    private static string PdfText(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        return string.Join(' ', document.GetPages().SelectMany(p => p.GetWords()).Select(w => w.Text));
    }

    [GeneratedRegex(@"^Votre demande est déposée\. Numéro de suivi : FP-2027-\d{6}\.$")]
    private static partial Regex TrackingNotice();

    [GeneratedRegex(@"FP-\d{4}-\d{6}")]
    private static partial Regex TrackingNumber();
}
