using System.Text.RegularExpressions;
using EServices.BrowserTests.Features.Filing;
using EServices.BrowserTests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace EServices.BrowserTests.Features.BackOffice;

/// <summary>The applicant's side of a request the back-office works on: filing it, finding it again in "Mes demandes".</summary>
public static partial class ApplicantRequests
{
    /// <summary>Files a complete "Attestation de travail" through every step (the CNIB scanned to PDF unless
    /// <paramref name="cnib"/> names another file); returns its tracking number.</summary>
    public static async Task<string> FileAnAttestationAsync(IPage page, ScratchFolder files, string? cnib = null)
    {
        await AttestationForm.FindAndStartAsync(page);
        await AttestationForm.FillIdentityAsync(page, matricule: "212345A");
        await AttestationForm.ContinueAsync(page);
        await AttestationForm.FillEmploymentAsync(page);
        await AttestationForm.ChooseMotiveAsync(page, "Constitution d'un dossier bancaire");
        await AttestationForm.ContinueAsync(page);
        await AttestationForm.AttachDocumentsAsync(page, cnib ?? files.Pdf("cnib.pdf"), files.Pdf("bulletin-mars.pdf"));
        await AttestationForm.ContinueToReviewAsync(page);
        await AttestationForm.DeclareAndFileAsync(page);
        await Expect(AttestationForm.Heading(page)).ToHaveTextAsync(FiledHeading());
        return TrackingNumber().Match(await AttestationForm.Heading(page).InnerTextAsync()).Value;
    }

    /// <summary>"Mes demandes" in the menu, then the request's line.</summary>
    public static async Task OpenAsync(IPage page, string number)
    {
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Menu principal" }).GetByRole(AriaRole.Link, new() { Name = "Mes demandes" }).ClickAsync();
        await page.GetByRole(AriaRole.Table).GetByRole(AriaRole.Link, new() { Name = number }).ClickAsync();
        await Expect(AttestationForm.Heading(page)).ToHaveTextAsync($"Demande {number}");
    }

    [GeneratedRegex(@"^Demande FP-\d{4}-\d{6}$")]
    private static partial Regex FiledHeading();

    [GeneratedRegex(@"FP-\d{4}-\d{6}")]
    private static partial Regex TrackingNumber();
}
