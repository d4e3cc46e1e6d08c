using EServices.BrowserTests.Infrastructure;
using EServices.Tests.Infrastructure;
using EServices.Web.Domain.Accounts;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace EServices.BrowserTests.Features.BackOffice;

/// <summary>Labels in Chromium (issue 19): the head of service creates one, an agent puts it on a request and finds the
/// request with the inbox's filter; axe on each page on the way.</summary>
[Collection(BrowserCollection.Name)]
public sealed class LabelsJourneyTests(BrowserHost host, Chromium chromium) : AxeScanTest(host, chromium)
{
    [Fact]
    public async Task A_head_of_service_creates_a_label_an_agent_puts_it_on_a_request_and_filters_the_inbox_with_it()
    {
        using var files = new ScratchFolder();
        var applicant = await NewPageAsync();
        await Applicant.SignUpAsync(applicant);
        var number = await ApplicantRequests.FileAnAttestationAsync(applicant, files);
        var name = $"Pièce illisible {Guid.NewGuid():N}"[..22];

        var head = await NewPageAsync();
        await Staff.SignInAsync(head, await TestStaff.CreateAsync(Host, Roles.Supervisor, "DGFP", "Aminata", "Traoré"));
        await head.GetByRole(AriaRole.Link, new() { Name = "Étiquettes" }).ClickAsync();
        await Axe.ScanAsync(head, "labels");
        await head.GetByRole(AriaRole.Link, new() { Name = "Créer une étiquette" }).ClickAsync();
        await head.GetByRole(AriaRole.Button, new() { Name = "Enregistrer l'étiquette" }).ClickAsync();
        await Expect(head.Locator("#Name-erreur")).ToContainTextAsync("Saisissez le nom de l'étiquette");
        await Axe.ScanAsync(head, "new label with an error");
        await head.GetByLabel("Nom de l'étiquette").FillAsync(name);
        await head.GetByRole(AriaRole.Group, new() { Name = "Couleur" }).GetByRole(AriaRole.Radio, new() { Name = "Jaune" }).CheckAsync();
        await head.GetByRole(AriaRole.Button, new() { Name = "Enregistrer l'étiquette" }).ClickAsync();
        await Expect(AgentDesk.Notice(head)).ToHaveTextAsync($"Étiquette « {name} » enregistrée.");

        var agent = await NewPageAsync();
        await Staff.SignInAsync(agent, await TestStaff.CreateAsync(Host, Roles.Agent, "DGFP"));
        await AgentDesk.OpenFromInboxAsync(agent, number);
        await agent.GetByRole(AriaRole.Group, new() { Name = "Étiquettes de la demande (visibles des seuls agents)" })
            .GetByRole(AriaRole.Checkbox, new() { Name = name }).CheckAsync();
        await agent.GetByRole(AriaRole.Button, new() { Name = "Enregistrer les étiquettes" }).ClickAsync();
        await Expect(AgentDesk.Notice(agent)).ToHaveTextAsync($"Étiquettes ajoutée(s) : « {name} ».");
        await Axe.ScanAsync(agent, "request with a label");

        await AgentDesk.OpenInboxAsync(agent);
        await agent.GetByRole(AriaRole.Search).GetByLabel("Étiquette").SelectOptionAsync(new SelectOptionValue { Label = name });
        await agent.GetByRole(AriaRole.Button, new() { Name = "Filtrer" }).ClickAsync();
        var rows = agent.GetByRole(AriaRole.Table).GetByRole(AriaRole.Row);
        await Expect(rows).ToHaveCountAsync(2); // the header and the request
        await Expect(rows.Nth(1).GetByRole(AriaRole.Link, new() { Name = number })).ToBeVisibleAsync();
        await Expect(rows.Nth(1).GetByRole(AriaRole.List, new() { Name = "Étiquettes" })).ToHaveTextAsync(name);
        await Axe.ScanAsync(agent, "inbox filtered by a label");

        Axe.AssertNone();
    }
}
