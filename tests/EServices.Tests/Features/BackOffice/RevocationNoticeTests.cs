using EServices.Tests.Features.Filing;
using EServices.Tests.Infrastructure;

namespace EServices.Tests.Features.BackOffice;

/// <summary>Issue 14, point 11: the holder of a revoked document hears it from the portal, not from the next person who checks it.</summary>
[Collection(WebCollection.Name)]
public sealed class RevocationNoticeTests(HostFixture host)
{
    [Fact]
    public async Task Revoking_a_certificate_emails_the_applicant_which_document_of_which_request_why_and_where()
    {
        using var applicant = host.NewSession();
        var user = await TestUsers.SignUpAsync(applicant, "Awa", "Ouédraogo");
        var number = await AttestationJourney.FileAsync(applicant);
        using var chief = host.NewSession();
        await TestStaff.SignInAsync(host, chief, Roles.Supervisor, "DGFP", "Aminata", "Traoré");
        var taken = await chief.SubmitAsync(await chief.GetAsync($"/back-office/demandes/{number}"), "Prendre la demande");
        var accepted = await chief.SubmitAsync(taken, "Accepter la demande");
        var document = (string)(await host.ScalarAsync(
            "SELECT number FROM issued_documents WHERE kind = 'Certificate' AND request_id = (SELECT id FROM requests WHERE number = @n)", ("n", number)))!;

        // A revocation refused (no reason) tells nobody anything.
        var noReason = await chief.SubmitAsync(accepted, "Révoquer le document", [("motif", " ")]);
        Assert.Contains("Indiquez le motif de la révocation.", noReason.Text, StringComparison.Ordinal);
        Assert.Equal(0L, await host.ScalarAsync("SELECT count(*) FROM outbox_emails WHERE \"to\" = @to AND subject LIKE '%révoqué%'", ("to", user.Email)));

        await chief.SubmitAsync(noReason, "Révoquer le document", [("motif", "Délivré par erreur : le service d'affectation est inexact")]);

        var notice = await host.Mailbox.WaitForAsync(user.Email, $"Demande {number} : document révoqué");
        var body = notice.TextBody ?? "";
        Assert.StartsWith("Bonjour Awa,", body, StringComparison.Ordinal);
        Assert.Contains($"Le document « Attestation de travail » n° {document}, délivré le 26/03/2027 pour votre demande {number}, a été révoqué", body, StringComparison.Ordinal);
        Assert.Contains("Motif : « Délivré par erreur : le service d'affectation est inexact »", body, StringComparison.Ordinal);
        Assert.Contains($"Consultez votre demande : https://localhost/mes-demandes/{number}", body, StringComparison.Ordinal);
        Assert.Single(host.Mailbox.To(user.Email), m => (m.Subject ?? "").Contains("révoqué", StringComparison.Ordinal));

        // What the applicant's page and the journal say is unchanged by the notice.
        Assert.Contains("Ce document a été révoqué", (await applicant.GetAsync($"/mes-demandes/{number}")).Text, StringComparison.Ordinal);
        Assert.Equal(1L, await host.ScalarAsync("SELECT count(*) FROM audit_entries WHERE target_id = @n AND action LIKE 'Document % révoqué : %'", ("n", number)));
    }
}
