using EServices.Web.Domain.Accounts;
using EServices.BrowserTests.Features.BackOffice;
using EServices.BrowserTests.Features.Filing;
using EServices.BrowserTests.Infrastructure;
using EServices.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace EServices.BrowserTests.Accessibility;

/// <summary>axe-core on the staff's pages (second factor, inbox, a request through its states) and on the applicant's answer to a correction.</summary>
[Collection(BrowserCollection.Name)]
public sealed class BackOfficeAxeScanTests(BrowserHost host, Chromium chromium) : AxeScanTest(host, chromium)
{
    [Fact]
    public async Task The_code_page_enrolment_and_recovery_codes_have_no_accessibility_violations()
    {
        var page = await NewPageAsync();

        // An agent with an authenticator app: the code page, then a wrong code.
        var agent = await TestStaff.CreateAsync(Host, Roles.Agent, "DGFP");
        await Staff.EnterPasswordAsync(page, agent);
        await Expect(Staff.Heading(page)).ToHaveTextAsync("Code de vérification");
        await Axe.ScanAsync(page, "code page");
        await Staff.EnterCodeAsync(page, "123");
        await Expect(AttestationForm.ErrorSummary(page)).ToBeVisibleAsync();
        await Axe.ScanAsync(page, "code page with an error");

        // A new agent without a second factor is sent to enrol one after the password.
        var newcomerPage = await NewPageAsync();
        var newcomer = await TestStaff.CreateAsync(Host, Roles.Agent, "DGFP", "Mariam", "Sawadogo", withAuthenticator: false);
        await Staff.EnterPasswordAsync(newcomerPage, newcomer);
        await Expect(Staff.Heading(newcomerPage)).ToHaveTextAsync("Activer la double authentification");
        await Axe.ScanAsync(newcomerPage, "enrolment");

        // The key as the page prints it, typed into an authenticator app, whose code activates the second factor.
        var key = await newcomerPage.GetByRole(AriaRole.Code).InnerTextAsync();
        await newcomerPage.GetByLabel("Code à 6 chiffres").FillAsync(Totp.Code(key, DateTimeOffset.UtcNow));
        await newcomerPage.GetByRole(AriaRole.Button, new() { Name = "Activer" }).ClickAsync();
        await Expect(Staff.Heading(newcomerPage)).ToHaveTextAsync("Double authentification activée");
        await Axe.ScanAsync(newcomerPage, "recovery codes");

        Axe.AssertNone();
    }

    [Fact]
    public async Task The_inbox_a_request_in_every_state_and_the_applicants_correction_page_have_no_accessibility_violations()
    {
        using var files = new ScratchFolder();
        var applicant = await NewPageAsync();
        await Applicant.SignUpAsync(applicant);
        var number = await ApplicantRequests.FileAnAttestationAsync(applicant, files);

        var agent = await NewPageAsync();
        await Staff.SignInAsync(agent, await TestStaff.CreateAsync(Host, Roles.Agent, "DGFP"));
        await Expect(agent.GetByRole(AriaRole.Table).GetByRole(AriaRole.Link, new() { Name = number })).ToBeVisibleAsync();
        await Axe.ScanAsync(agent, "inbox");

        await AgentDesk.OpenFromInboxAsync(agent, number);
        await Axe.ScanAsync(agent, "request Déposée");
        await AgentDesk.TakeAsync(agent, number);
        await Axe.ScanAsync(agent, "request En instruction");
        await AgentDesk.AskForCorrectionAsync(agent, number, "Précisez votre service et joignez un bulletin lisible.", "Structure", "Dernier bulletin de salaire");
        await Axe.ScanAsync(agent, "request Complément demandé");

        // The applicant's side of the correction, a mistake included.
        await ApplicantRequests.OpenAsync(applicant, number);
        await Axe.ScanAsync(applicant, "applicant's request with a correction asked");
        await applicant.GetByRole(AriaRole.Link, new() { Name = "Corriger ma demande" }).ClickAsync();
        await Expect(AttestationForm.Heading(applicant)).ToHaveTextAsync("Corriger ma demande");
        await Axe.ScanAsync(applicant, "correction page");
        var structure = applicant.GetByLabel("Structure", new() { Exact = true });
        await structure.FillAsync("");
        var send = applicant.GetByRole(AriaRole.Button, new() { Name = "Envoyer le complément" });
        await send.ClickAsync();
        await Expect(AttestationForm.ErrorSummary(applicant)).ToBeVisibleAsync();
        await Axe.ScanAsync(applicant, "correction page with an error");
        await structure.FillAsync("Service de pédiatrie");
        await applicant.GetByLabel("Dernier bulletin de salaire").SetInputFilesAsync(files.Pdf("bulletin-avril.pdf"));
        await send.ClickAsync();
        await Expect(applicant.GetByRole(AriaRole.Status)).ToContainTextAsync("Votre complément est envoyé");

        // Back under review: a rejection without its reason is refused on the redisplayed page, then the agent accepts.
        await agent.ReloadAsync();
        await agent.GetByRole(AriaRole.Button, new() { Name = "Rejeter la demande" }).ClickAsync();
        await Expect(AttestationForm.ErrorSummary(agent)).ToContainTextAsync("Indiquez le motif du rejet");
        await Axe.ScanAsync(agent, "request redisplayed after a rejection without reason");
        await AgentDesk.AcceptAsync(agent, number);
        await Axe.ScanAsync(agent, "request Acceptée");
        await applicant.ReloadAsync();
        await Expect(applicant.GetByRole(AriaRole.Link, new() { Name = "Télécharger « Attestation de travail » (PDF)" })).ToBeVisibleAsync();
        await Axe.ScanAsync(applicant, "applicant's accepted request");

        Axe.AssertNone();
    }
}
