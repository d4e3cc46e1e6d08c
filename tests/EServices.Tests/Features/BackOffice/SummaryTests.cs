using System.Net;
using EServices.Tests.Features.Filing;
using EServices.Tests.Infrastructure;

namespace EServices.Tests.Features.BackOffice;

[Collection(WebCollection.Name)]
public sealed class SummaryTests(HostFixture host)
{
    [Fact]
    public async Task The_paper_file_of_a_request_holds_its_answers_documents_and_timeline()
    {
        using var applicant = host.NewSession();
        await TestUsers.SignUpAsync(applicant, "Awa", "Ouédraogo");
        var number = await AttestationJourney.FileAsync(applicant);
        using var agent = host.NewSession();
        await TestStaff.SignInAsync(host, agent, Roles.Agent, "DGFP");
        var file = await agent.SubmitAsync(await agent.GetAsync($"/back-office/demandes/{number}"), "Prendre la demande");
        var link = file.Html.QuerySelectorAll("a").Single(a => a.TextContent == "Imprimer le dossier (PDF)").GetAttribute("href")!;

        var (status, pdf, response) = await agent.DownloadAsync(link);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType!.MediaType);
        var text = FilingTests.PdfText(pdf);
        foreach (var expected in new[] { $"Dossier de la demande {number}", "Awa OUÉDRAOGO", "212345A", "Constitution d'un dossier bancaire", "ma cnib.pdf (2 Ko)", "Historique", "Demande déposée", "Prise en charge", "En instruction" })
        {
            Assert.Contains(expected, text, StringComparison.Ordinal);
        }

        using var other = host.NewSession();
        await TestStaff.SignInAsync(host, other, Roles.Agent, "AGRE");
        Assert.Equal(HttpStatusCode.NotFound, (await other.DownloadAsync(link)).Status);
    }
}
