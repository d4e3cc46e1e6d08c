using EServices.BrowserTests.Infrastructure;
using EServices.Tests.Infrastructure;
using EServices.Web.Domain.Accounts;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace EServices.BrowserTests.Features.BackOffice;

/// <summary>A transfer in Chromium (issue 19): the head of service forgets the reason, is told beside the field, sends the
/// request to the labour directorate, and its agent finds it to take; axe on the way.</summary>
[Collection(BrowserCollection.Name)]
public sealed class TransferJourneyTests(BrowserHost host, Chromium chromium) : AxeScanTest(host, chromium)
{
    [Fact]
    public async Task A_head_of_service_transfers_a_misrouted_request_and_the_receiving_agent_finds_it()
    {
        using var files = new ScratchFolder();
        var applicant = await NewPageAsync();
        await Applicant.SignUpAsync(applicant);
        var number = await ApplicantRequests.FileAnAttestationAsync(applicant, files);

        var head = await NewPageAsync();
        await Staff.SignInAsync(head, await TestStaff.CreateAsync(Host, Roles.Supervisor, "DGFP", "Aminata", "Traoré"));
        await AgentDesk.OpenFromInboxAsync(head, number);
        var destination = head.GetByRole(AriaRole.Combobox, new() { Name = "Vers" });
        await destination.SelectOptionAsync(new SelectOptionValue { Label = "DGT — Visa de contrat de travail" });
        await head.GetByRole(AriaRole.Button, new() { Name = "Transférer la demande" }).ClickAsync();
        await Expect(head.Locator("#transfert-motif-erreur")).ToContainTextAsync("Indiquez pourquoi la demande est transférée");
        await Axe.ScanAsync(head, "transfer with an error");
        await head.GetByLabel("Motif (une note que seuls les agents lisent)").FillAsync("Visa de contrat : instruit par la DGT.");
        await head.GetByRole(AriaRole.Button, new() { Name = "Transférer la demande" }).ClickAsync();
        await Expect(head.Locator(".notice")).ToHaveTextAsync($"Demande {number} transférée à « DGT — Visa de contrat de travail »."); // on the inbox: it left the service

        var agent = await NewPageAsync();
        await Staff.SignInAsync(agent, await TestStaff.CreateAsync(Host, Roles.Agent, "DGT"));
        await AgentDesk.OpenFromInboxAsync(agent, number);
        await Expect(agent.GetByText("Motif du transfert : Visa de contrat : instruit par la DGT.")).ToBeVisibleAsync();
        await Axe.ScanAsync(agent, "transferred request");

        Axe.AssertNone();
    }
}
