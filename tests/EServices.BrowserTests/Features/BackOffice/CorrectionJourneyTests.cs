using EServices.Web.Domain.Accounts;
using System.Globalization;
using System.Text.RegularExpressions;
using EServices.BrowserTests.Features.Filing;
using EServices.BrowserTests.Infrastructure;
using EServices.Tests.Infrastructure;
using Microsoft.Playwright;
using UglyToad.PdfPig;
using static Microsoft.Playwright.Assertions;

namespace EServices.BrowserTests.Features.BackOffice;

/// <summary>
/// A request between two people, each in their own browser: the applicant files, an agent of the DGFP asks for a
/// correction, the applicant sends it, the agent accepts, and the certificate's QR code proves it genuine to anyone.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed partial class CorrectionJourneyTests(BrowserHost host, Chromium chromium) : IClassFixture<Chromium>
{
    private const string Message = "Votre bulletin de salaire est illisible : joignez le dernier, bien net.";

    [Fact]
    public async Task An_agent_asks_for_a_new_payslip_the_applicant_sends_it_and_downloads_a_certificate_whose_QR_code_says_genuine()
    {
        using var files = new ScratchFolder();
        await using var applicantBrowser = await chromium.NewContextAsync(host.BaseAddress);
        var applicant = await applicantBrowser.NewPageAsync();
        await Applicant.SignUpAsync(applicant, "Awa", "Ouédraogo");
        var number = await ApplicantRequests.FileAnAttestationAsync(applicant, files);

        // The agent signs in with password and authenticator code, finds the new request and takes it.
        var agentOfDgfp = await TestStaff.CreateAsync(host, Roles.Agent, "DGFP");
        await using var agentBrowser = await chromium.NewContextAsync(host.BaseAddress);
        var agent = await agentBrowser.NewPageAsync();
        await Staff.SignInAsync(agent, agentOfDgfp);
        await AgentDesk.OpenFromInboxAsync(agent, number);
        await Expect(agent.GetByRole(AriaRole.Main)).ToContainTextAsync("bulletin-mars.pdf");
        await AgentDesk.TakeAsync(agent, number);
        var deadline = DateOnly.ParseExact(
            await AgentDesk.AskForCorrectionAsync(agent, number, Message, "Dernier bulletin de salaire"), "yyyy-MM-dd", CultureInfo.InvariantCulture);

        // The applicant reads what is asked and sends a new payslip.
        await ApplicantRequests.OpenAsync(applicant, number);
        var asked = applicant.GetByRole(AriaRole.Region, new() { Name = "Un complément vous est demandé" });
        await Expect(asked).ToContainTextAsync($"« {Message} »");
        await Expect(asked).ToContainTextAsync($"À corriger : Dernier bulletin de salaire, avant le {deadline:dd/MM/yyyy}.");
        await asked.GetByRole(AriaRole.Link, new() { Name = "Corriger ma demande" }).ClickAsync();
        await Expect(AttestationForm.Heading(applicant)).ToHaveTextAsync("Corriger ma demande");
        await Expect(applicant.GetByRole(AriaRole.Main)).ToContainTextAsync(Message);
        await applicant.GetByLabel("Dernier bulletin de salaire").SetInputFilesAsync(files.Pdf("bulletin-avril.pdf"));
        await applicant.GetByRole(AriaRole.Button, new() { Name = "Envoyer le complément" }).ClickAsync();
        await Expect(applicant.GetByRole(AriaRole.Status)).ToContainTextAsync("Votre complément est envoyé");

        // The agent's page, reloaded, has the new payslip; the agent accepts.
        await agent.ReloadAsync();
        await Expect(agent.GetByRole(AriaRole.Link, new() { Name = "bulletin-avril.pdf" })).ToBeVisibleAsync();
        await Expect(agent.GetByRole(AriaRole.Main)).ToContainTextAsync("Complément demandé → En instruction");
        await AgentDesk.AcceptAsync(agent, number);

        // The applicant downloads the certificate: numbered, in their name, with a QR code.
        await applicant.ReloadAsync();
        var download = await applicant.RunAndWaitForDownloadAsync(() =>
            applicant.GetByRole(AriaRole.Link, new() { Name = "Télécharger « Attestation de travail » (PDF)" }).ClickAsync());
        var pdf = await File.ReadAllBytesAsync((await download.PathAsync())!);
        var text = PdfText(pdf);
        var certificateNumber = CertificateNumber().Match(text).Value;
        Assert.True(certificateNumber.Length > 0, $"No ATT-2027-NNNNNN number in the certificate: {text}");
        Assert.Contains("Awa OUÉDRAOGO", text, StringComparison.Ordinal);

        // Whoever is shown the paper scans its QR code and opens the address in their own browser.
        var address = await QrReader.ReadAsync(pdf);
        await using var anyoneBrowser = await chromium.NewContextAsync(host.BaseAddress);
        var anyone = await anyoneBrowser.NewPageAsync();
        await anyone.GotoAsync(address);
        await Expect(anyone.GetByRole(AriaRole.Status)).ToContainTextAsync("Document authentique");
        await Expect(anyone.GetByRole(AriaRole.Main)).ToContainTextAsync(certificateNumber);
    }

    private static string PdfText(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        return string.Join(' ', document.GetPages().SelectMany(p => p.GetWords()).Select(w => w.Text));
    }

    [GeneratedRegex(@"ATT-2027-\d{6}")]
    private static partial Regex CertificateNumber();
}
