using System.Globalization;
using EServices.BrowserTests.Features.BackOffice;
using EServices.BrowserTests.Features.Filing;
using EServices.BrowserTests.Infrastructure;
using EServices.Tests.Infrastructure;
using EServices.Tests.Sms;
using EServices.Web.Domain.Accounts;
using EServices.Web.Domain.Messaging;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace EServices.BrowserTests.Features.Sms;

/// <summary>
/// The applicant of issue 16: a phone of 360 px without JavaScript and no e-mail. Every SMS goes through a real Kannel to
/// its fake SMS centre, where the test reads it as the phone would: the code that creates the account, the notices of
/// filing, correction and decision, and the answer to SUIVI. (axe needs JavaScript: the applicant's pages are scanned by
/// AccountsAxeScanTests; here the agent's page, with its list of SMS.)
/// </summary>
public sealed class SmsJourneyTests(SmsGateway sms, Chromium chromium) : IClassFixture<SmsGateway>, IClassFixture<Chromium>
{
    [Fact]
    public async Task On_a_phone_without_javascript_an_applicant_signs_up_by_SMS_files_is_told_each_step_by_SMS_and_asks_the_status_by_SMS()
    {
        var host = sms.Host;
        var axe = new AxeFindings();
        using var files = new ScratchFolder();
        await using var phoneBrowser = await chromium.NewContextAsync(host.BaseAddress, javaScriptEnabled: false);
        var page = await phoneBrowser.NewPageAsync();
        await page.SetViewportSizeAsync(360, 740);
        var phone = TestSms.NewPhone();
        var msisdn = SmsGateway.E164(phone);

        // Sign up with a number only, written as people write it; the code comes by SMS.
        await page.GotoAsync("/compte/inscription");
        await page.GetByLabel("Nom", new() { Exact = true }).FillAsync("Ilboudo");
        await page.GetByLabel("Prénoms", new() { Exact = true }).FillAsync("Moussa");
        await page.GetByLabel("Téléphone").FillAsync("00226 " + msisdn[4..]);
        await page.GetByLabel("Mot de passe", new() { Exact = true }).FillAsync(TestUsers.Password);
        await page.GetByLabel("Confirmez le mot de passe").FillAsync(TestUsers.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Créer mon compte" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Saisissez le code reçu par SMS");
        var code = await ArrivesAsync(msisdn, text => text.Contains("code", StringComparison.OrdinalIgnoreCase));
        await page.GetByLabel("Code reçu par SMS").FillAsync(TestUsers.CodeIn(code.Text));
        await page.GetByRole(AriaRole.Button, new() { Name = "Valider le code" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Votre compte est créé");

        // Filing: an SMS with the tracking number and the short link, in one GSM-7 message (ç, outside GSM-7, became c).
        var number = await ApplicantRequests.FileAnAttestationAsync(page, files);
        var link = $"{host.BaseAddress.ToString().TrimEnd('/')}/d/{number}";
        var filed = await ArrivesAsync(msisdn, text => text.StartsWith($"Demande {number} bien recue.", StringComparison.Ordinal));
        Assert.EndsWith(link, filed.Text, StringComparison.Ordinal);
        Assert.Equal((SmsCoding.Gsm7, 1), (filed.Coding, filed.Parts));

        // An agent takes it and asks for a new payslip: the SMS gives the deadline.
        var agentOfDgfp = await TestStaff.CreateAsync(host, Roles.Agent, "DGFP");
        await using var agentBrowser = await chromium.NewContextAsync(host.BaseAddress);
        var agent = await agentBrowser.NewPageAsync();
        await Staff.SignInAsync(agent, agentOfDgfp);
        await AgentDesk.OpenFromInboxAsync(agent, number);
        await AgentDesk.TakeAsync(agent, number);
        var deadline = DateOnly.ParseExact(
            await AgentDesk.AskForCorrectionAsync(agent, number, "Joignez votre dernier bulletin, bien net.", "Dernier bulletin de salaire"), "yyyy-MM-dd",
            CultureInfo.InvariantCulture);
        var asked = await ArrivesAsync(msisdn, text => text.Contains("complément", StringComparison.Ordinal));
        Assert.Contains($"avant le {deadline:dd/MM/yyyy}", asked.Text, StringComparison.Ordinal);
        Assert.EndsWith(link, asked.Text, StringComparison.Ordinal);

        // The short link of the SMS opens the request (the phone is signed in); the applicant sends the payslip.
        await page.GotoAsync(link);
        await Expect(AttestationForm.Heading(page)).ToHaveTextAsync($"Demande {number}");
        await page.GetByRole(AriaRole.Link, new() { Name = "Corriger ma demande" }).ClickAsync();
        await page.GetByLabel("Dernier bulletin de salaire").SetInputFilesAsync(files.Pdf("bulletin-avril.pdf"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Envoyer le complément" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Votre complément est envoyé");

        // The agent accepts: an SMS says so. Staff see the SMS of the request and how far each went.
        await agent.ReloadAsync();
        await AgentDesk.AcceptAsync(agent, number);
        var accepted = await ArrivesAsync(msisdn, text => text.StartsWith($"Demande {number} acceptée.", StringComparison.Ordinal));
        Assert.EndsWith(link, accepted.Text, StringComparison.Ordinal);
        await agent.ReloadAsync();
        await Expect(agent.GetByRole(AriaRole.Main)).ToContainTextAsync("Remis");
        await axe.ScanAsync(agent, "page d'une demande avec ses SMS (back-office)");

        // The applicant texts SUIVI, in lower case with an extra space, and gets the status back.
        await sms.Centre.SendAsync(msisdn, "22600", $"suivi  {number.ToLowerInvariant()}");
        var status = await ArrivesAsync(msisdn, text => text.StartsWith($"Demande {number} : Acceptée.", StringComparison.Ordinal));
        Assert.EndsWith(link, status.Text, StringComparison.Ordinal);

        axe.AssertNone();
    }

    /// <summary>The first SMS to <paramref name="msisdn"/> at the fake SMS centre that <paramref name="matches"/> (30 s at most).</summary>
    private async Task<ReceivedSms> ArrivesAsync(string msisdn, Func<string, bool> matches)
    {
        var until = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            var received = sms.Centre.To(msisdn);
            if (received.FirstOrDefault(s => matches(s.Text)) is { } found)
            {
                return found;
            }

            Assert.True(DateTime.UtcNow < until, $"No such SMS reached {msisdn}; received: {string.Join(" | ", received.Select(s => s.Text))}");
            await Task.Delay(100);
        }
    }
}
