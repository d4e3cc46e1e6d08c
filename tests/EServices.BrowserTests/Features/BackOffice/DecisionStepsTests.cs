using EServices.BrowserTests.Infrastructure;
using EServices.Tests.Infrastructure;
using EServices.Web.Domain.Accounts;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace EServices.BrowserTests.Features.BackOffice;

/// <summary>The steps of a typical decision in a day's work (issue 19), counted as an agent's clicks from a filtered inbox
/// until the next request of the list is open: take it, read it, read its two documents, accept it. The README states the
/// three counts. Before the request's page previewed the documents, each opened in the tab (Chromium shows it) and the agent
/// came back: two steps each.</summary>
[Collection(BrowserCollection.Name)]
public sealed class DecisionStepsTests(BrowserHost host, Chromium chromium) : IClassFixture<Chromium>
{
    /// <summary>Through the inbox, each document opened in the tab: back to the list after the decision, then the next request.</summary>
    public const int ThroughTheInbox = 9;

    /// <summary>With « Accepter et passer à la suivante », each document opened in the tab.</summary>
    public const int WithinTheList = 7;

    /// <summary>With « Accepter et passer à la suivante », the documents read where they are previewed, beside the answers.</summary>
    public const int WithPreviews = 3;

    [Fact]
    public async Task A_typical_decision_takes_three_steps_with_the_documents_previewed_and_the_next_request_at_hand()
    {
        using var files = new ScratchFolder();
        await using var applicantContext = await chromium.NewContextAsync(host.BaseAddress);
        var applicant = await applicantContext.NewPageAsync();
        var name = $"Pas{Guid.NewGuid():N}"[..12];
        await Applicant.SignUpAsync(applicant, "Awa", name);
        var numbers = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            numbers.Add(await ApplicantRequests.FileAnAttestationAsync(applicant, files, cnib: files.Png("cnib-photo.png")));
        }

        await using var agentContext = await chromium.NewContextAsync(host.BaseAddress);
        var agent = await agentContext.NewPageAsync();
        await agent.SetViewportSizeAsync(1600, 900);
        await Staff.SignInAsync(agent, await TestStaff.CreateAsync(host, Roles.Agent, "DGFP"));
        await agent.GotoAsync($"/back-office?q={name}");

        var steps = 0;
        async Task Step(Func<Task> action)
        {
            steps++;
            await action();
        }

        async Task OpenAndTakeAsync(string number)
        {
            await Step(() => agent.GetByRole(AriaRole.Table).GetByRole(AriaRole.Link, new() { Name = number }).ClickAsync());
            await Step(() => agent.GetByRole(AriaRole.Button, new() { Name = "Prendre la demande" }).ClickAsync());
            await Expect(AgentDesk.Heading(agent)).ToHaveTextAsync($"Demande {number}");
        }

        async Task OpenEachDocumentInTheTabAsync(string number)
        {
            var links = agent.GetByRole(AriaRole.Region, new() { Name = "Pièces jointes" }).Locator("a[href^='/back-office/pieces/']");
            Assert.Equal(2, await links.CountAsync());
            for (var i = 0; i < 2; i++)
            {
                // The document's address is enough: Chromium's PDF reader may take long to finish loading on a busy machine.
                await Step(() => links.Nth(i).ClickAsync());
                await agent.WaitForURLAsync("**/back-office/pieces/**", new() { WaitUntil = WaitUntilState.Commit });
                await Step(() => agent.GoBackAsync(new() { WaitUntil = WaitUntilState.Commit }));
                await Expect(AgentDesk.Heading(agent)).ToHaveTextAsync($"Demande {number}");
            }
        }

        await OpenAndTakeAsync(numbers[0]);
        await OpenEachDocumentInTheTabAsync(numbers[0]);
        await Step(() => agent.GetByRole(AriaRole.Button, new() { Name = "Accepter la demande" }).ClickAsync());
        await Step(() => agent.GetByRole(AriaRole.Navigation, new() { Name = "Fil d'Ariane" }).GetByRole(AriaRole.Link, new() { Name = "Back-office" }).ClickAsync());
        await Step(() => agent.GetByRole(AriaRole.Table).GetByRole(AriaRole.Link, new() { Name = numbers[1] }).ClickAsync());
        await Expect(AgentDesk.Heading(agent)).ToHaveTextAsync($"Demande {numbers[1]}");
        Assert.Equal(ThroughTheInbox, steps);

        // Within the list (from the same inbox): the decision opens the list's next request.
        await BackToTheListAsync(agent);
        steps = 0;
        await OpenAndTakeAsync(numbers[1]);
        await OpenEachDocumentInTheTabAsync(numbers[1]);
        await Step(() => agent.GetByRole(AriaRole.Button, new() { Name = "Accepter et passer à la suivante" }).ClickAsync());
        await Expect(AgentDesk.Heading(agent)).ToHaveTextAsync($"Demande {numbers[2]}");
        Assert.Equal(WithinTheList, steps);

        // The documents are read where they are: the photo of the CNIB drawn, the payslip's PDF in its frame.
        await BackToTheListAsync(agent);
        steps = 0;
        await OpenAndTakeAsync(numbers[2]);
        await AgentDesk.ExpectPreviewsShownAsync(agent);
        await Step(() => agent.GetByRole(AriaRole.Button, new() { Name = "Accepter et passer à la suivante" }).ClickAsync());
        await Expect(AgentDesk.Heading(agent)).ToHaveTextAsync($"Demande {numbers[3]}");
        Assert.Equal(WithPreviews, steps);
    }

    private static Task BackToTheListAsync(IPage agent) =>
        agent.GetByRole(AriaRole.Navigation, new() { Name = "Dans la liste" }).GetByRole(AriaRole.Link, new() { Name = "Retour à la liste" }).ClickAsync();
}
