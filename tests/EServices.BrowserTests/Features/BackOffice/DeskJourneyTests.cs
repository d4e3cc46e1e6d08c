using EServices.BrowserTests.Infrastructure;
using EServices.Tests.Infrastructure;
using EServices.Web.Domain.Accounts;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace EServices.BrowserTests.Features.BackOffice;

/// <summary>The request's page for a full day's work (issue 19): on a wide screen the answers and the previewed documents
/// side by side with the state, the actions and the history in a column that stays in view; one column on a phone; all of
/// it with the keyboard alone; axe on the way.</summary>
[Collection(BrowserCollection.Name)]
public sealed class DeskJourneyTests(BrowserHost host, Chromium chromium) : AxeScanTest(host, chromium)
{
    [Fact]
    public async Task On_a_wide_screen_the_answers_the_documents_and_the_actions_stand_side_by_side_and_the_actions_stay_in_view()
    {
        using var files = new ScratchFolder();
        var number = await FileAsync(files);
        var agent = await NewAgentPageAsync();
        await agent.SetViewportSizeAsync(1600, 900);
        await AgentDesk.OpenFromInboxAsync(agent, number);
        await agent.GetByRole(AriaRole.Button, new() { Name = "Prendre la demande" }).ClickAsync();
        await AgentDesk.ExpectPreviewsShownAsync(agent);

        var answers = await BoxAsync(agent.GetByRole(AriaRole.Region, new() { Name = "Réponses" }));
        var documents = await BoxAsync(agent.GetByRole(AriaRole.Region, new() { Name = "Pièces jointes" }));
        var side = await BoxAsync(agent.GetByRole(AriaRole.Complementary, new() { Name = "État et actions" }));
        Assert.True(answers.X + answers.Width <= documents.X && documents.X + documents.Width <= side.X, $"answers {answers.X}+{answers.Width}, documents {documents.X}+{documents.Width}, side {side.X}");
        var accept = agent.GetByRole(AriaRole.Button, new() { Name = "Accepter la demande" });
        await Expect(accept).ToBeInViewportAsync();

        // Read down to the last document, then to the messages: the actions have not moved out of sight.
        await agent.Locator("iframe").Last.ScrollIntoViewIfNeededAsync();
        await Expect(accept).ToBeInViewportAsync();
        await agent.GetByRole(AriaRole.Heading, new() { Name = "Écrire au demandeur" }).ScrollIntoViewIfNeededAsync();
        await Expect(accept).ToBeInViewportAsync();
        await agent.GetByRole(AriaRole.Navigation, new() { Name = "Sur cette page" }).GetByRole(AriaRole.Link, new() { Name = "Historique" }).ClickAsync();
        await Expect(agent.GetByRole(AriaRole.Heading, new() { Name = "Historique" })).ToBeInViewportAsync();
        await Axe.ScanAsync(agent, "request's page on a wide screen");

        // A phone: one column, nothing wider than the screen, the documents after the answers.
        await agent.SetViewportSizeAsync(360, 740);
        Assert.True(await agent.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), "the page scrolls sideways on a phone");
        answers = await BoxAsync(agent.GetByRole(AriaRole.Region, new() { Name = "Réponses" }));
        documents = await BoxAsync(agent.GetByRole(AriaRole.Region, new() { Name = "Pièces jointes" }));
        Assert.True(answers.Y + answers.Height <= documents.Y, $"answers end at {answers.Y + answers.Height}, documents start at {documents.Y}");
        await Axe.ScanAsync(agent, "request's page on a phone");

        Axe.AssertNone();
    }

    [Fact]
    public async Task An_agent_opens_takes_reads_and_accepts_requests_with_the_keyboard_alone()
    {
        using var files = new ScratchFolder();
        var applicant = await NewPageAsync();
        var name = $"Clavier{Guid.NewGuid():N}"[..14];
        await Applicant.SignUpAsync(applicant, "Awa", name);
        var first = await ApplicantRequests.FileAnAttestationAsync(applicant, files, cnib: files.Png("cnib-photo.png"));
        var second = await ApplicantRequests.FileAnAttestationAsync(applicant, files);
        var agent = await NewAgentPageAsync();
        await agent.GotoAsync($"/back-office?q={name}");

        await TabToAsync(agent, first);
        await agent.Keyboard.PressAsync("Enter");
        await Expect(AgentDesk.Heading(agent)).ToHaveTextAsync($"Demande {first}");
        await TabToAsync(agent, "Actions");
        await agent.Keyboard.PressAsync("Enter");
        await TabToAsync(agent, "Prendre la demande");
        await agent.Keyboard.PressAsync("Enter");
        await Expect(AgentDesk.Notice(agent)).ToHaveTextAsync($"Demande {first} : en instruction.");

        // The documents: the link of each opens it alone; the previews are on the page.
        await TabToAsync(agent, "Pièces jointes");
        await agent.Keyboard.PressAsync("Enter");
        await TabToAsync(agent, "cnib-photo.png");
        await AgentDesk.ExpectPreviewsShownAsync(agent);

        await TabToAsync(agent, "Actions");
        await agent.Keyboard.PressAsync("Enter");
        await TabToAsync(agent, "Accepter et passer à la suivante");
        await agent.Keyboard.PressAsync("Enter");
        await Expect(AgentDesk.Heading(agent)).ToHaveTextAsync($"Demande {second}");
        await Expect(AgentDesk.Notice(agent)).ToHaveTextAsync($"Demande {first} : acceptée.");
        await TabToAsync(agent, "Retour à la liste");
        await agent.Keyboard.PressAsync("Enter");
        await Expect(AgentDesk.Heading(agent)).ToHaveTextAsync("Demandes à traiter");
        await Expect(agent.GetByRole(AriaRole.Table).GetByRole(AriaRole.Link, new() { Name = second })).ToBeVisibleAsync();
    }

    private async Task<string> FileAsync(ScratchFolder files)
    {
        var applicant = await NewPageAsync();
        await Applicant.SignUpAsync(applicant);
        return await ApplicantRequests.FileAnAttestationAsync(applicant, files, cnib: files.Png("cnib-photo.png"));
    }

    private async Task<IPage> NewAgentPageAsync()
    {
        var agent = await NewPageAsync();
        await Staff.SignInAsync(agent, await TestStaff.CreateAsync(Host, Roles.Agent, "DGFP"));
        return agent;
    }

    private static async Task<LocatorBoundingBoxResult> BoxAsync(ILocator locator) =>
        await locator.BoundingBoxAsync() ?? throw new InvalidOperationException("not shown");

    /// <summary>Presses Tab until the element named <paramref name="text"/> (its text, hidden words included) has the focus.</summary>
    private static async Task TabToAsync(IPage page, string text)
    {
        for (var i = 0; i < 120; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            if (await page.EvaluateAsync<string>("() => (document.activeElement?.textContent ?? '').replace(/\\s+/g, ' ').trim()") == text)
            {
                return;
            }
        }

        Assert.Fail($"« {text} » is not reached with the Tab key");
    }
}
