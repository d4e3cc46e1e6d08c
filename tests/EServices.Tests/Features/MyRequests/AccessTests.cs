using System.Net;
using EServices.Tests.Features.Filing;
using EServices.Tests.Infrastructure;

namespace EServices.Tests.Features.MyRequests;

[Collection(WebCollection.Name)]
public sealed class AccessTests(HostFixture host)
{
    [Fact]
    public async Task Another_applicant_gets_404_for_my_request_its_receipt_its_files_and_my_drafts()
    {
        using var owner = host.NewSession();
        await TestUsers.SignUpAsync(owner);
        var number = await AttestationJourney.FileAsync(owner);
        var detail = await owner.GetAsync($"/mes-demandes/{number}");
        Assert.Contains("Historique", detail.Text, StringComparison.Ordinal);
        Assert.Contains("Demande déposée", detail.Text, StringComparison.Ordinal);
        var fileUrl = detail.Html.QuerySelectorAll("a[href^='/mes-demandes/pieces/']").Single(a => a.TextContent == "ma cnib.pdf").GetAttribute("href")!;
        var (fileStatus, fileBytes, fileResponse) = await owner.DownloadAsync(fileUrl);
        Assert.Equal(HttpStatusCode.OK, fileStatus);
        Assert.Equal("attachment", fileResponse.Content.Headers.ContentDisposition!.DispositionType);
        Assert.StartsWith("%PDF", System.Text.Encoding.ASCII.GetString(fileBytes, 0, 4), StringComparison.Ordinal);

        var draftStep = await AttestationJourney.StartAsync(owner);

        using var other = host.NewSession();
        await TestUsers.SignUpAsync(other, "Issa", "Zongo");
        foreach (var url in new[] { $"/mes-demandes/{number}", $"/mes-demandes/{number}/recepisse", fileUrl, draftStep.Url, draftStep.Url.Replace("etapes/1", "recapitulatif", StringComparison.Ordinal) })
        {
            var (status, _, _) = await other.DownloadAsync(url);
            Assert.True(status == HttpStatusCode.NotFound, $"{url} answered {status}");
        }

        var page = await other.GetAsync("/mes-demandes");
        Assert.DoesNotContain(number, page.Text, StringComparison.Ordinal);
        Assert.Contains("Vous n'avez encore déposé aucune demande", page.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Posting_another_applicants_draft_changes_nothing()
    {
        using var owner = host.NewSession();
        await TestUsers.SignUpAsync(owner);
        var step1 = await AttestationJourney.StartAsync(owner);

        using var other = host.NewSession();
        await TestUsers.SignUpAsync(other);
        var mine = await AttestationJourney.StartAsync(other);

        // The intruder replays its own form (valid token) against the owner's draft address.
        var form = mine.Html.QuerySelector("form[enctype]")!;
        form.SetAttribute("action", step1.Url);
        var attempt = await other.SubmitAsync(mine, "Continuer", AttestationJourney.Identity);
        Assert.Equal(HttpStatusCode.NotFound, attempt.Status);

        var unchanged = await owner.GetAsync(step1.Url);
        Assert.Equal("", unchanged.ValueOf("matricule"));
    }

    [Fact]
    public async Task A_forged_post_without_antiforgery_token_is_refused()
    {
        using var session = host.NewSession();
        await TestUsers.SignUpAsync(session);
        var response = await session.Client.PostAsync("/demarches/attestation-de-travail/commencer", new FormUrlEncodedContent([]));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}
