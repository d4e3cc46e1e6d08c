using System.Net;
using System.Text.Json;
using EServices.Tests.Features.Admin;
using EServices.Tests.Features.Filing;
using EServices.Tests.Infrastructure;
using EServices.Web.Features.PersonalData;
using Microsoft.Extensions.DependencyInjection;

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

    [Fact]
    public async Task An_applicant_deletes_a_draft_with_its_files_and_the_audit_chain_stays_intact()
    {
        using var applicant = host.NewSession();
        await TestUsers.SignUpAsync(applicant);
        var step3 = await AttestationJourney.ToDocumentsStepAsync(applicant);
        await applicant.SubmitAsync(step3, "Enregistrer et finir plus tard", files: new Dictionary<string, Upload> { ["cnib"] = TestFiles.Pdf("cnib brouillon.pdf") });
        var draftId = step3.Url.Split('/')[2];
        Assert.Equal(1L, await host.ScalarAsync("SELECT count(*) FROM attachments WHERE request_id = @id::uuid", ("id", draftId)));
        await AuditChainDatabase.SealAsync(host); // the draft's events wait, unsealed, for its filing

        using var other = host.NewSession();
        await TestUsers.SignUpAsync(other, "Paul", "Zongo");
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/mes-donnees/brouillons/{draftId}/supprimer")).Status);

        var confirm = await applicant.ClickAsync(await applicant.GetAsync("/mes-demandes"), "Supprimer");
        Assert.Equal("Supprimer le brouillon « Attestation de travail » ?", confirm.Html.QuerySelector("h1")!.TextContent);
        var forged = await other.Client.PostAsync($"/mes-donnees/brouillons/{draftId}/supprimer", new FormUrlEncodedContent(
            [KeyValuePair.Create("__RequestVerificationToken", (await other.GetAsync("/mes-donnees")).Html.QuerySelector("input[name=__RequestVerificationToken]")?.GetAttribute("value") ?? "")]));
        Assert.Equal(HttpStatusCode.NotFound, forged.StatusCode);

        var deleted = await applicant.SubmitAsync(confirm, "Supprimer définitivement");
        Assert.Contains("Le brouillon est supprimé, avec ses réponses et ses pièces jointes.", deleted.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("cnib brouillon.pdf", deleted.Text, StringComparison.Ordinal);
        Assert.Equal(0L, await host.ScalarAsync("SELECT count(*) FROM requests WHERE id = @id::uuid", ("id", draftId)));
        Assert.Equal(0L, await host.ScalarAsync("SELECT count(*) FROM attachments WHERE request_id = @id::uuid", ("id", draftId)));
        Assert.Equal(0L, await host.ScalarAsync("SELECT count(*) FROM request_events WHERE request_id = @id::uuid", ("id", draftId)));

        await AuditChainDatabase.SealAsync(host);
        var chain = await AuditChainDatabase.VerifyAsync(host);
        Assert.True(chain.Intact, chain.Summary);
    }

    [Fact]
    public async Task Past_the_retention_period_a_closed_request_keeps_its_number_history_and_documents_but_loses_answers_files_and_messages()
    {
        using var applicant = host.NewSession();
        await TestUsers.SignUpAsync(applicant);
        var number = await AttestationJourney.FileAsync(applicant);
        using var agent = host.NewSession();
        await TestStaff.SignInAsync(host, agent, Roles.Agent, "DGFP");
        var taken = await agent.SubmitAsync(await agent.GetAsync($"/back-office/demandes/{number}"), "Prendre la demande");
        await agent.SubmitAsync(taken, "Envoyer le message", [("texte", "Votre dossier est complet.")]);
        await agent.SubmitAsync(await agent.GetAsync($"/back-office/demandes/{number}"), "Accepter la demande");

        // Decided eleven years ago: past the default ten-year period.
        await host.ScalarAsync("UPDATE requests SET decided_at = decided_at - interval '11 years' WHERE number = @n RETURNING 1", ("n", number));
        using (var scope = host.Services.CreateScope())
        {
            Assert.True(await scope.ServiceProvider.GetRequiredService<Erasure>().PurgeClosedRequestsAsync(CancellationToken.None) >= 1);
        }

        Assert.Equal("{}", await host.ScalarAsync("SELECT answers FROM requests WHERE number = @n", ("n", number)));
        Assert.Equal(0L, await host.ScalarAsync("SELECT count(*) FROM attachments a JOIN requests r ON r.id = a.request_id WHERE r.number = @n", ("n", number)));
        Assert.Equal(0L, await host.ScalarAsync("SELECT count(*) FROM request_messages m JOIN requests r ON r.id = m.request_id WHERE r.number = @n", ("n", number)));
        var mine = await applicant.GetAsync($"/mes-demandes/{number}");
        Assert.Contains("Acceptée", mine.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("CHU Yalgado Ouédraogo", mine.Text, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await applicant.DownloadAsync($"/mes-demandes/{number}/certificat")).Status);
        using var admin = host.NewSession();
        await TestStaff.SignInAsync(host, admin, Roles.Admin, null);
        var journal = await admin.GetAsync($"/admin/journal?cible={number}");
        Assert.Contains("Réponses, pièces et messages effacés au terme de la durée de conservation (3650 jours)", journal.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Codes_lose_their_digits_once_expired_unsent_ones_are_not_sent_and_codes_answers_and_received_SMS_go_after_90_days_while_notices_stay()
    {
        var phone = TestSms.NewPhone();
        var to = "+" + new string(phone.Where(char.IsAsciiDigit).ToArray());
        await host.ScalarAsync($"""
            INSERT INTO outbox_sms ("to", text, coding, parts, kind, created_at, next_attempt_at, attempts, delivery) VALUES
              (@to, 'Votre code : 123456', 'Gsm7', 1, 'Code', @now - interval '11 minutes', @now, 1, 'Delivered'),
              (@to, 'Votre code : 654321', 'Gsm7', 1, 'Code', @now - interval '1 minute', @now, 1, 'Delivered'),
              (@to, 'Votre code : 111111', 'Gsm7', 1, 'Code', @now - interval '12 minutes', @now, 3, 'Waiting'),
              (@to, 'Demande introuvable', 'Gsm7', 1, 'Reply', @now - interval '91 days', @now, 1, 'Delivered'),
              (@to, 'Demande FP-2027-000001 deposee', 'Gsm7', 1, 'Notice', @now - interval '400 days', @now, 1, 'Delivered');
            INSERT INTO incoming_sms ("from", text, received_at) VALUES (@to, 'SUIVI', @now - interval '91 days'), (@to, 'SUIVI', @now);
            INSERT INTO phone_codes (id, phone, purpose, code_hash, client_address, created_at, expires_at, tries)
              VALUES (gen_random_uuid(), @phone, 'SignUp', 'x', '127.0.0.1', @now - interval '25 hours', @now - interval '24 hours', 0);
            SELECT 1
            """, ("to", (object)to), ("phone", phone), ("now", host.Services.GetRequiredService<TimeProvider>().GetUtcNow()));

        using (var scope = host.Services.CreateScope())
        {
            Assert.True(await scope.ServiceProvider.GetRequiredService<Erasure>().ForgetOldMessagesAsync(CancellationToken.None) >= 4);
        }

        var left = (await TestSms.ToAsync(host, phone)).Select(s => s.Text).ToList();
        Assert.Equal([Erasure.CodeForgotten, "Votre code : 654321", Erasure.CodeForgotten, "Demande FP-2027-000001 deposee"], left);
        // The gateway was down until the code expired: it will not be sent at all.
        Assert.Equal("Failed", await host.ScalarAsync("SELECT delivery FROM outbox_sms WHERE \"to\" = @to AND attempts = 3", ("to", to)));
        Assert.Equal(1L, await host.ScalarAsync("SELECT count(*) FROM incoming_sms WHERE \"from\" = @to", ("to", to)));
        Assert.Equal(0L, await host.ScalarAsync("SELECT count(*) FROM phone_codes WHERE phone = @phone", ("phone", phone)));
    }
}
