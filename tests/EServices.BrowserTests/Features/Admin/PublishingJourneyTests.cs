using EServices.Web.Domain.Accounts;
using System.Text.RegularExpressions;
using EServices.BrowserTests.Features.BackOffice;
using EServices.BrowserTests.Features.Filing;
using EServices.BrowserTests.Infrastructure;
using EServices.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace EServices.BrowserTests.Features.Admin;

/// <summary>
/// A new e-service put online without a developer, each person in their own browser: the administrator writes its sheet,
/// builds a form of five fields (one shown only for one answer, one file) and publishes it; an applicant files it; while
/// that request is being processed, the administrator publishes version 2 with one more field. The first request keeps
/// its version-1 answers; the next filing uses version 2.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed partial class PublishingJourneyTests(BrowserHost host, Chromium chromium) : IClassFixture<Chromium>
{
    private const string Phone = "Téléphone de contact";

    [Fact]
    public async Task Admin_publishes_a_new_e_service_then_version_2_while_a_version_1_request_is_in_progress()
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var title = $"Demande de détachement {suffix}";
        var slug = $"demande-de-detachement-{suffix}";
        using var files = new ScratchFolder();

        // The administrator writes the sheet, builds the form and publishes version 1.
        await using var adminBrowser = await chromium.NewContextAsync(host.BaseAddress);
        var admin = await adminBrowser.NewPageAsync();
        await Staff.SignInAsNewAdminAsync(admin, host);
        await ProcedureDesk.CreateAsync(admin, title, slug);
        await Expect(ProcedureDesk.StatusBox(admin)).ToContainTextAsync("Pas encore en ligne.");
        await ProcedureDesk.OpenBuilderAsync(admin, title);
        await Expect(admin.GetByRole(AriaRole.Main)).ToContainTextAsync("Étape 1 : l'étape ne contient aucun champ.");

        await ProcedureDesk.AddFieldAsync(admin, 1, new("Text", "Objet de la demande", "objet"));
        await Expect(ProcedureDesk.StatusBox(admin)).ToContainTextAsync("Brouillon de la version 1 en cours de modification.");
        await ProcedureDesk.AddFieldAsync(admin, 1, new("Choice", "Motif du détachement", "motif_detachement")
        {
            Options = "mutation | Rapprochement de conjoint\nformation | Formation de longue durée\nautre | Autre motif",
        });
        await ProcedureDesk.AddFieldAsync(admin, 1, new("LongText", "Précisions sur le motif", "precisions") { ShowWhen = ("motif_detachement", "autre") });
        await ProcedureDesk.AddFieldAsync(admin, 1, new("Date", "Date de début souhaitée", "date_debut"));
        await ProcedureDesk.AddFieldAsync(admin, 1, new("File", "Pièce justificative", "piece"));
        var fields = admin.GetByRole(AriaRole.Table, new() { Name = "Champs de l'étape 1" });
        await Expect(fields.Locator("tbody > tr")).ToHaveCountAsync(5);
        await Expect(fields.GetByRole(AriaRole.Row, new() { Name = "Précisions sur le motif" })).ToContainTextAsync("Texte long Oui motif_detachement = autre");
        await Expect(fields.GetByRole(AriaRole.Row, new() { Name = "Pièce justificative" })).ToContainTextAsync("Pièce jointe (fichier) Oui");
        await Expect(admin.GetByText("À corriger avant publication")).ToHaveCountAsync(0);
        await ProcedureDesk.PublishAsync(admin, title, 1);

        // The applicant files it: "Précisions" appears only for "Autre motif"; the file is a small PDF.
        await using var applicantBrowser = await chromium.NewContextAsync(host.BaseAddress);
        var applicant = await applicantBrowser.NewPageAsync();
        await Applicant.SignUpAsync(applicant, "Rasmané", "Sawadogo");
        await StartAsync(applicant, slug, title);
        await Expect(applicant.GetByLabel(Phone)).ToHaveCountAsync(0);
        var precisions = applicant.GetByLabel("Précisions sur le motif");
        await Expect(precisions).ToBeHiddenAsync();
        await applicant.GetByLabel("Objet de la demande").FillAsync("Détachement auprès de l'Université Joseph Ki-Zerbo");
        await ChooseMotiveAsync(applicant, "Autre motif");
        await Expect(precisions).ToBeVisibleAsync();
        await precisions.FillAsync("Enseignement à mi-temps pendant deux ans");
        await applicant.GetByLabel("Date de début souhaitée").FillAsync("2026-10-01");
        await applicant.GetByLabel("Pièce justificative").SetInputFilesAsync(files.Pdf("lettre-universite.pdf"));
        await AttestationForm.ContinueToReviewAsync(applicant);
        await Expect(AttestationForm.Heading(applicant)).ToHaveTextAsync("Vérifiez votre demande avant de la déposer");
        var first = await FileAsync(applicant);

        // An agent of the DGFP takes it: it is now being processed.
        await using var agentBrowser = await chromium.NewContextAsync(host.BaseAddress);
        var agent = await agentBrowser.NewPageAsync();
        await Staff.SignInAsync(agent, await TestStaff.CreateAsync(host, Roles.Agent, "DGFP", "Mariam", "Traoré"));
        await AgentDesk.OpenFromInboxAsync(agent, first);
        await Expect(agent.GetByRole(AriaRole.Main)).ToContainTextAsync("Réponses (formulaire version 1)");
        await AgentDesk.TakeAsync(agent, first);

        // Meanwhile the administrator adds a sixth field: draft 2 opens while version 1 stays online; then publishes it.
        await admin.ReloadAsync();
        await Expect(admin.GetByRole(AriaRole.Main)).ToContainTextAsync(
            "Vous voyez la version 1, en ligne. Toute modification crée le brouillon de la version 2");
        await ProcedureDesk.AddFieldAsync(admin, 1, new("Phone", Phone, "telephone"));
        await Expect(ProcedureDesk.StatusBox(admin)).ToContainTextAsync("Version 1 en ligne");
        await Expect(ProcedureDesk.StatusBox(admin)).ToContainTextAsync("Brouillon de la version 2 en cours de modification.");
        await Expect(fields.Locator("tbody > tr")).ToHaveCountAsync(6);
        await ProcedureDesk.PublishAsync(admin, title, 2);

        // The request in progress still shows its version-1 answers, to the agent and to the applicant.
        await agent.ReloadAsync();
        await Expect(AgentDesk.Heading(agent)).ToHaveTextAsync($"Demande {first}");
        var agentView = agent.GetByRole(AriaRole.Main);
        await Expect(agentView).ToContainTextAsync("Réponses (formulaire version 1)");
        await Expect(agentView).ToContainTextAsync("En instruction");
        foreach (var answer in new[] { "Détachement auprès de l'Université Joseph Ki-Zerbo", "Autre motif", "Enseignement à mi-temps pendant deux ans", "01/10/2026", "lettre-universite.pdf" })
        {
            await Expect(agentView).ToContainTextAsync(answer);
        }

        await Expect(agentView).Not.ToContainTextAsync(Phone);
        await ApplicantRequests.OpenAsync(applicant, first);
        await Expect(applicant.GetByRole(AriaRole.Main)).ToContainTextAsync("Enseignement à mi-temps pendant deux ans");
        await Expect(applicant.GetByRole(AriaRole.Main)).Not.ToContainTextAsync(Phone);

        // A new filing uses version 2: the phone is asked; "Précisions" stays hidden for another motive.
        await StartAsync(applicant, slug, title);
        await Expect(applicant.GetByLabel(Phone)).ToBeVisibleAsync();
        await applicant.GetByLabel("Objet de la demande").FillAsync("Détachement auprès de l'ENAM");
        await ChooseMotiveAsync(applicant, "Formation de longue durée");
        await Expect(precisions).ToBeHiddenAsync();
        await applicant.GetByLabel("Date de début souhaitée").FillAsync("2026-11-02");
        await applicant.GetByLabel("Pièce justificative").SetInputFilesAsync(files.Pdf("inscription-enam.pdf"));
        await applicant.GetByLabel(Phone).FillAsync("70 11 22 33");
        await AttestationForm.ContinueToReviewAsync(applicant);
        await Expect(AttestationForm.Heading(applicant)).ToHaveTextAsync("Vérifiez votre demande avant de la déposer");
        await Expect(applicant.GetByRole(AriaRole.Main)).ToContainTextAsync("+226 70 11 22 33");
        var second = await FileAsync(applicant);
        Assert.NotEqual(first, second);

        await AgentDesk.OpenFromInboxAsync(agent, second);
        var secondView = agent.GetByRole(AriaRole.Main);
        await Expect(secondView).ToContainTextAsync("Réponses (formulaire version 2)");
        foreach (var answer in new[] { Phone, "+226 70 11 22 33", "Détachement auprès de l'ENAM", "Formation de longue durée", "02/11/2026", "inscription-enam.pdf" })
        {
            await Expect(secondView).ToContainTextAsync(answer);
        }

        await Expect(secondView).Not.ToContainTextAsync("Précisions sur le motif");
    }

    /// <summary>The public sheet of the procedure, then "Commencer la démarche"; stops on its only step.</summary>
    private static async Task StartAsync(IPage page, string slug, string title)
    {
        await page.GotoAsync($"/demarches/{slug}");
        await Expect(AttestationForm.Heading(page)).ToHaveTextAsync(title);
        await page.GetByRole(AriaRole.Button, new() { Name = "Commencer la démarche" }).ClickAsync();
        await Expect(AttestationForm.Heading(page)).ToHaveTextAsync("Votre demande");
    }

    private static Task ChooseMotiveAsync(IPage page, string motive) =>
        page.GetByRole(AriaRole.Group, new() { Name = "Motif du détachement" }).GetByRole(AriaRole.Radio, new() { Name = motive }).CheckAsync();

    /// <summary>On the review page: the declaration and "Déposer ma demande"; returns the tracking number.</summary>
    private static async Task<string> FileAsync(IPage page)
    {
        await AttestationForm.DeclareAndFileAsync(page);
        await Expect(AttestationForm.Heading(page)).ToHaveTextAsync(FiledHeading());
        return TrackingNumber().Match(await AttestationForm.Heading(page).InnerTextAsync()).Value;
    }

    [GeneratedRegex(@"^Demande [A-Z]+-\d{4}-\d{6}$")]
    private static partial Regex FiledHeading();

    [GeneratedRegex(@"[A-Z]+-\d{4}-\d{6}")]
    private static partial Regex TrackingNumber();
}
