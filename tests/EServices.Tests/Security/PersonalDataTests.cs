using System.Net;
using System.Text.Json;
using EServices.Tests.Features.Filing;
using EServices.Tests.Infrastructure;
using EServices.Web.Features.Accounts;

namespace EServices.Tests.Security;

/// <summary>An applicant downloads everything the portal holds about them, and only that.</summary>
[Collection(WebCollection.Name)]
public sealed class PersonalDataTests(HostFixture host)
{
    [Fact]
    public async Task An_applicant_downloads_their_account_requests_answers_files_history_and_messages_as_json()
    {
        using var applicant = host.NewSession();
        var user = await TestUsers.SignUpAsync(applicant, "Awa", "Ouédraogo");
        var number = await AttestationJourney.FileAsync(applicant);
        using var agent = host.NewSession();
        await TestStaff.SignInAsync(host, agent, Roles.Agent, "DGFP");
        var file = await agent.GetAsync($"/back-office/demandes/{number}");
        await agent.SubmitAsync(file, "Enregistrer la note", [("note", "Note interne : vérifier l'ancienneté.")]);
        await agent.SubmitAsync(await agent.GetAsync($"/back-office/demandes/{number}"), "Envoyer le message", [("texte", "Merci de patienter quelques jours.")]);

        var page = await applicant.ClickAsync(await applicant.GetAsync("/mes-demandes"), "Mes données personnelles");
        Assert.Contains("Télécharger mes données (fichier JSON)", page.Text, StringComparison.Ordinal);
        var (status, content, response) = await applicant.DownloadAsync("/mes-donnees/export.json");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);

        using var json = JsonDocument.Parse(content);
        var account = json.RootElement.GetProperty("compte");
        Assert.Equal(user.Email, account.GetProperty("email").GetString());
        Assert.Equal("Ouédraogo", account.GetProperty("nom").GetString());
        var request = json.RootElement.GetProperty("demandes").EnumerateArray().Single(r => r.GetProperty("numero").GetString() == number);
        Assert.Equal("Attestation de travail", request.GetProperty("demarche").GetString());
        Assert.Equal("CHU Yalgado Ouédraogo", request.GetProperty("reponses").GetProperty("structure").GetString());
        Assert.Contains(request.GetProperty("pieces").EnumerateArray(), p => p.GetProperty("nom").GetString() == "ma cnib.pdf");
        Assert.Contains(request.GetProperty("historique").EnumerateArray(), e => e.GetProperty("vers").GetString() == "Déposée");
        Assert.Contains(request.GetProperty("documents").EnumerateArray(), d => d.GetProperty("numero").GetString() == number);
        var messages = request.GetProperty("messages").EnumerateArray().Select(m => m.GetProperty("texte").GetString()).ToList();
        Assert.Contains("Merci de patienter quelques jours.", messages);
        Assert.DoesNotContain(json.RootElement.GetRawText(), "Note interne", StringComparison.Ordinal);

        // Someone else's export holds nothing of this applicant.
        using var other = host.NewSession();
        await TestUsers.SignUpAsync(other, "Paul", "Zongo");
        var (_, theirs, _) = await other.DownloadAsync("/mes-donnees/export.json");
        Assert.DoesNotContain(number, System.Text.Encoding.UTF8.GetString(theirs), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await host.NewSession().DownloadAsync("/mes-donnees/export.json")).Status);
    }
}
