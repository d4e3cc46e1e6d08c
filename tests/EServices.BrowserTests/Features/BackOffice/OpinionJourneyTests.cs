using System.Text.RegularExpressions;
using EServices.BrowserTests.Infrastructure;
using EServices.Tests.Infrastructure;
using EServices.Web.Data;
using EServices.Web.Domain.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace EServices.BrowserTests.Features.BackOffice;

/// <summary>An opinion in Chromium (issue 19): the agent forgets the question, is told beside the field, asks an outside
/// expert; the expert opens the link from the e-mail, reads the request, answers with a file; the agent reads the answer.
/// Axe on each page.</summary>
[Collection(BrowserCollection.Name)]
public sealed partial class OpinionJourneyTests(BrowserHost host, Chromium chromium) : AxeScanTest(host, chromium)
{
    [Fact]
    public async Task An_agent_asks_an_outside_expert_who_answers_through_the_link_and_the_agent_reads_the_opinion()
    {
        using var files = new ScratchFolder();
        var applicant = await NewPageAsync();
        await Applicant.SignUpAsync(applicant);
        var number = await ApplicantRequests.FileAnAttestationAsync(applicant, files);

        var agent = await NewPageAsync();
        await Staff.SignInAsync(agent, await TestStaff.CreateAsync(Host, Roles.Agent, "DGFP"));
        await AgentDesk.OpenFromInboxAsync(agent, number);
        var address = $"inspecteur-{Guid.NewGuid():N}@travail.bf";
        await agent.GetByLabel("Nom et qualité").FillAsync("Inspecteur Issouf Traoré");
        await agent.GetByLabel("Son e-mail ou son téléphone (le lien d'accès lui est envoyé)").FillAsync(address);
        await agent.GetByRole(AriaRole.Button, new() { Name = "Demander l'avis" }).ClickAsync();
        await Expect(agent.Locator("#avis-question-erreur")).ToHaveTextAsync("Écrivez la question posée à l'expert.");
        await Expect(agent.GetByLabel("Son e-mail ou son téléphone (le lien d'accès lui est envoyé)")).ToHaveValueAsync(address);
        await Axe.ScanAsync(agent, "request for an opinion with an error");
        await agent.GetByLabel("Question posée").FillAsync("Le bulletin de salaire est-il authentique ?");
        await agent.GetByRole(AriaRole.Button, new() { Name = "Demander l'avis" }).ClickAsync();
        await Expect(AgentDesk.Notice(agent)).ToContainTextAsync("Avis demandé à Inspecteur Issouf Traoré");

        string invitation;
        using (var scope = Host.Services.CreateScope())
        {
            invitation = await scope.ServiceProvider.GetRequiredService<AppDbContext>().OutboxEmails.Where(e => e.To == address).Select(e => e.Body).SingleAsync();
        }

        var expert = await NewPageAsync();
        await expert.GotoAsync(new Uri(Link().Match(invitation).Value).PathAndQuery);
        await Expect(expert.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync($"Avis sur la demande {number}");
        await Expect(expert.GetByText("« Le bulletin de salaire est-il authentique ? »")).ToBeVisibleAsync();
        await Axe.ScanAsync(expert, "the expert's page");
        await expert.GetByLabel("Avis (le demandeur ne le lit pas)").FillAsync("Authentique : vérifié auprès de la solde.");
        await expert.GetByLabel("Fichier joint (facultatif : PDF, JPEG ou PNG)").SetInputFilesAsync(files.Pdf("verification-solde.pdf"));
        await expert.GetByRole(AriaRole.Button, new() { Name = "Envoyer mon avis" }).ClickAsync();
        await Expect(expert.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Merci : votre avis est envoyé");
        await Axe.ScanAsync(expert, "thanks");

        await agent.ReloadAsync();
        var opinions = agent.GetByRole(AriaRole.Region, new() { Name = "Avis" });
        await Expect(opinions).ToContainTextAsync("Avis : « Authentique : vérifié auprès de la solde. »");
        await Expect(opinions.GetByRole(AriaRole.Link, new() { Name = "verification-solde.pdf" })).ToBeVisibleAsync();
        await Axe.ScanAsync(agent, "request with an opinion given");

        Axe.AssertNone();
    }

    [GeneratedRegex(@"http://127\.0\.0\.1:\d+/avis/[0-9a-f-]{36}\?cle=[0-9a-f]{64}")]
    private static partial Regex Link();
}
