using EServices.Tests.Features.Filing;
using EServices.Tests.Infrastructure;

namespace EServices.Tests.Features.MyRequests;

/// <summary>The applicant's own request, as they read it on a phone.</summary>
[Collection(WebCollection.Name)]
public sealed class RequestPageTests(HostFixture host)
{
    [Fact]
    public async Task A_decided_request_no_longer_announces_a_decision_date()
    {
        using var applicant = host.NewSession();
        await TestUsers.SignUpAsync(applicant, "Awa", "Ouédraogo");
        var number = await AttestationJourney.FileAsync(applicant);
        Assert.Contains("Décision attendue au plus tard le", (await applicant.GetAsync($"/mes-demandes/{number}")).Text, StringComparison.Ordinal);

        using var agent = host.NewSession();
        await TestStaff.SignInAsync(host, agent, Roles.Agent, "DGFP");
        var taken = await agent.SubmitAsync(await agent.GetAsync($"/back-office/demandes/{number}"), "Prendre la demande");
        Assert.Contains($"Demande {number} : acceptée.", (await agent.SubmitAsync(taken, "Accepter la demande")).Text, StringComparison.Ordinal);

        var decided = await applicant.GetAsync($"/mes-demandes/{number}");
        Assert.Contains("Acceptée", decided.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Décision attendue", decided.Text, StringComparison.Ordinal);
    }

    /// <summary>"ma cnib.pdf" says nothing to an applicant who scanned "scan001.pdf" twice: each file is listed under the
    /// document it was asked for.</summary>
    [Fact]
    public async Task Attachments_are_listed_under_the_document_each_one_is_for()
    {
        using var applicant = host.NewSession();
        await TestUsers.SignUpAsync(applicant);
        var number = await AttestationJourney.FileAsync(applicant);

        var page = await applicant.GetAsync($"/mes-demandes/{number}");
        var list = page.Html.QuerySelector("dl.attachments")!;
        var pairs = list.QuerySelectorAll("dt").Select(dt => (dt.TextContent.Trim(), dt.NextElementSibling!.QuerySelector("a")!.TextContent)).ToList();
        Assert.Equal([("Copie de la CNIB", "ma cnib.pdf"), ("Dernier bulletin de salaire", "bulletin-mars.png")], pairs);
        Assert.All(list.QuerySelectorAll("dd a"), a => Assert.StartsWith("/mes-demandes/pieces/", a.GetAttribute("href"), StringComparison.Ordinal));
    }

    /// <summary>"FP-2026-" / "000003": a tracking number breaks at its hyphens unless told not to.</summary>
    [Fact]
    public async Task Tracking_numbers_are_kept_on_one_line()
    {
        using var applicant = host.NewSession();
        await TestUsers.SignUpAsync(applicant);
        var number = await AttestationJourney.FileAsync(applicant);

        var list = await applicant.GetAsync("/mes-demandes");
        Assert.Contains(list.Html.QuerySelectorAll("table .nowrap"), e => e.TextContent == number);
        var page = await applicant.GetAsync($"/mes-demandes/{number}");
        Assert.Equal(number, page.Html.QuerySelector("h1 .nowrap")!.TextContent);
        Assert.Equal(number, page.Html.QuerySelector(".breadcrumb .nowrap")!.TextContent);
    }
}
