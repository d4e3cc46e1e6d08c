using EServices.BrowserTests.Infrastructure;
using EServices.Tests.Infrastructure;
using EServices.Web.Domain.Accounts;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace EServices.BrowserTests.Features.BackOffice;

/// <summary>The steps of a typical decision in a day's work (issue 19), counted as an agent's clicks from a filtered inbox
/// until the next request of the list is open: take it, read it, open its two documents, accept it. The README states both
/// counts. A document opens in the tab (Chromium shows the PDF), and the agent comes back: two steps each.</summary>
[Collection(BrowserCollection.Name)]
public sealed class DecisionStepsTests(BrowserHost host, Chromium chromium) : IClassFixture<Chromium>
{
    /// <summary>Through the inbox: back to the list after the decision, then the next request.</summary>
    public const int ThroughTheInbox = 9;

    /// <summary>With « Accepter et passer à la suivante ».</summary>
    public const int WithinTheList = 7;

    [Fact]
    public async Task A_typical_decision_takes_fewer_steps_within_the_list_than_through_the_inbox()
    {
        using var files = new ScratchFolder();
        await using var applicantContext = await chromium.NewContextAsync(host.BaseAddress);
        var applicant = await applicantContext.NewPageAsync();
        var name = $"Pas{Guid.NewGuid():N}"[..12];
        await Applicant.SignUpAsync(applicant, "Awa", name);
        var numbers = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            numbers.Add(await ApplicantRequests.FileAnAttestationAsync(applicant, files));
        }

        await using var agentContext = await chromium.NewContextAsync(host.BaseAddress);
        var agent = await agentContext.NewPageAsync();
        await Staff.SignInAsync(agent, await TestStaff.CreateAsync(host, Roles.Agent, "DGFP"));
        await agent.GotoAsync($"/back-office?q={name}");

        var steps = 0;
        async Task Step(Func<Task> action)
        {
            steps++;
            await action();
        }

        async Task ReadAndOpenDocumentsAsync(string number)
        {
            await Step(() => agent.GetByRole(AriaRole.Table).GetByRole(AriaRole.Link, new() { Name = number }).ClickAsync());
            await Step(() => agent.GetByRole(AriaRole.Button, new() { Name = "Prendre la demande" }).ClickAsync());
            await Expect(AgentDesk.Heading(agent)).ToHaveTextAsync($"Demande {number}");
            var documents = await agent.Locator("a[href^='/back-office/pieces/']").CountAsync();
            Assert.Equal(2, documents);
            for (var i = 0; i < documents; i++)
            {
                // Chromium shows the PDF in the tab; the agent comes back to the request.
                await Step(() => agent.Locator("a[href^='/back-office/pieces/']").Nth(i).ClickAsync());
                await agent.WaitForURLAsync("**/back-office/pieces/**");
                await Step(() => agent.GoBackAsync());
                await Expect(AgentDesk.Heading(agent)).ToHaveTextAsync($"Demande {number}");
            }
        }

        await ReadAndOpenDocumentsAsync(numbers[0]);
        await Step(() => agent.GetByRole(AriaRole.Button, new() { Name = "Accepter la demande" }).ClickAsync());
        await Step(() => agent.GetByRole(AriaRole.Navigation, new() { Name = "Fil d'Ariane" }).GetByRole(AriaRole.Link, new() { Name = "Back-office" }).ClickAsync());
        await Step(() => agent.GetByRole(AriaRole.Table).GetByRole(AriaRole.Link, new() { Name = numbers[1] }).ClickAsync());
        await Expect(AgentDesk.Heading(agent)).ToHaveTextAsync($"Demande {numbers[1]}");
        Assert.Equal(ThroughTheInbox, steps);

        // Within the list (from the same inbox): the decision opens the list's next request.
        await agent.GetByRole(AriaRole.Navigation, new() { Name = "Dans la liste" }).GetByRole(AriaRole.Link, new() { Name = "Retour à la liste" }).ClickAsync();
        steps = 0;
        await ReadAndOpenDocumentsAsync(numbers[1]);
        await Step(() => agent.GetByRole(AriaRole.Button, new() { Name = "Accepter et passer à la suivante" }).ClickAsync());
        await Expect(AgentDesk.Heading(agent)).ToHaveTextAsync($"Demande {numbers[2]}");
        Assert.Equal(WithinTheList, steps);
    }
}
