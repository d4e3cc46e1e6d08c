using System.Text.Json;
using EServices.BrowserTests.Features.BackOffice;
using EServices.BrowserTests.Features.Filing;
using EServices.BrowserTests.Infrastructure;
using EServices.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace EServices.BrowserTests.Features.PersonalData;

/// <summary>
/// "Mes données" in Chromium: an applicant deletes a draft after a confirmation page, and downloads everything the portal
/// holds about them as a JSON file; axe scans those pages.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class PersonalDataJourneyTests(BrowserHost host, Chromium chromium) : IClassFixture<Chromium>
{
    private const string Procedure = "Attestation de travail";

    private readonly AxeFindings _axe = new();

    [Fact]
    public async Task Applicant_deletes_a_draft_after_confirming_and_it_is_gone_from_Mes_demandes()
    {
        await using var context = await chromium.NewContextAsync(host.BaseAddress);
        var page = await context.NewPageAsync();
        await Applicant.SignUpAsync(page);
        await AttestationForm.FindAndStartAsync(page);
        await AttestationForm.FillIdentityAsync(page, matricule: "212345A");
        await AttestationForm.ContinueAsync(page);
        await Expect(AttestationForm.Heading(page)).ToHaveTextAsync("Votre emploi");

        // The draft waits in "Mes demandes"; its "Supprimer" link names the draft for a screen reader.
        await OpenMyRequestsAsync(page);
        var drafts = page.GetByRole(AriaRole.Region, new() { Name = "Brouillons à terminer" });
        await Expect(drafts.GetByRole(AriaRole.Heading, new() { Name = Procedure })).ToBeVisibleAsync();
        var delete = drafts.GetByRole(AriaRole.Link, new() { Name = $"Supprimer le brouillon « {Procedure} »" });

        // The confirmation page asks first; "Garder le brouillon" keeps it.
        await delete.ClickAsync();
        await Expect(AttestationForm.Heading(page)).ToHaveTextAsync($"Supprimer le brouillon « {Procedure} » ?");
        Assert.Matches(@"/mes-donnees/brouillons/[0-9a-f-]{36}/supprimer$", page.Url);
        await _axe.ScanAsync(page, "draft deletion confirmation");
        await page.GetByRole(AriaRole.Link, new() { Name = "Garder le brouillon" }).ClickAsync();
        await Expect(AttestationForm.Heading(page)).ToHaveTextAsync("Mes demandes");
        await Expect(drafts.GetByRole(AriaRole.Heading, new() { Name = Procedure })).ToBeVisibleAsync();

        // Confirmed: the French message, and no draft left to resume.
        await delete.ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Supprimer définitivement" }).ClickAsync();
        await Expect(AttestationForm.Heading(page)).ToHaveTextAsync("Mes demandes");
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Le brouillon est supprimé, avec ses réponses et ses pièces jointes.");
        await Expect(drafts).ToHaveCountAsync(0);
        await Expect(page.GetByRole(AriaRole.Main)).ToContainTextAsync("Vous n'avez encore déposé aucune demande.");
        await _axe.ScanAsync(page, "Mes demandes after the deletion");

        // Starting the procedure again begins afresh: nothing of the deleted answers comes back.
        await AttestationForm.FindAndStartAsync(page);
        await Expect(page.GetByLabel("Matricule")).ToHaveValueAsync("");
        await Expect(page.GetByText("Vous aviez déjà commencé cette démarche")).ToHaveCountAsync(0);

        _axe.AssertNone();
    }

    [Fact]
    public async Task Applicant_downloads_their_data_with_their_email_their_request_number_and_their_draft()
    {
        using var files = new ScratchFolder();
        await using var context = await chromium.NewContextAsync(host.BaseAddress);
        var page = await context.NewPageAsync();
        var email = await Applicant.SignUpAsync(page);
        var number = await ApplicantRequests.FileAnAttestationAsync(page, files);
        await AttestationForm.FindAndStartAsync(page); // a second attestation, left as a draft

        await OpenMyRequestsAsync(page);
        await page.GetByRole(AriaRole.Link, new() { Name = "Mes données personnelles : ce que le portail conserve, et le télécharger" }).ClickAsync();
        await Expect(AttestationForm.Heading(page)).ToHaveTextAsync("Mes données personnelles");
        await _axe.ScanAsync(page, "Mes données");

        var download = await page.RunAndWaitForDownloadAsync(() =>
            page.GetByRole(AriaRole.Link, new() { Name = "Télécharger mes données (fichier JSON)" }).ClickAsync());
        Assert.Equal($"mes-donnees-{HostFixture.Now:yyyy-MM-dd}.json", download.SuggestedFilename);
        Assert.Null(await download.FailureAsync());
        using var json = JsonDocument.Parse(await File.ReadAllBytesAsync(await download.PathAsync()));

        Assert.Equal(email, json.RootElement.GetProperty("compte").GetProperty("email").GetString());
        var requests = json.RootElement.GetProperty("demandes").EnumerateArray().ToList();
        var filed = Assert.Single(requests, r => r.TryGetProperty("numero", out var n) && n.GetString() == number);
        Assert.Equal("Déposée", filed.GetProperty("etat").GetString());
        Assert.Equal("212345A", filed.GetProperty("reponses").GetProperty("matricule").GetString());
        var draft = Assert.Single(requests, r => r.GetProperty("etat").GetString() == "Brouillon");
        Assert.Equal(Procedure, draft.GetProperty("demarche").GetString());
        Assert.Equal(2, requests.Count); // a new account: nothing of anyone else

        _axe.AssertNone();
    }

    private static async Task OpenMyRequestsAsync(IPage page)
    {
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Menu principal" }).GetByRole(AriaRole.Link, new() { Name = "Mes demandes" }).ClickAsync();
        await Expect(AttestationForm.Heading(page)).ToHaveTextAsync("Mes demandes");
    }
}
