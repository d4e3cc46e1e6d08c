using System.Text.RegularExpressions;
using EServices.Tests.Features.Filing;
using EServices.Tests.Infrastructure;

namespace EServices.Tests.Workflow;

/// <summary>Issue 16, notices: every notice that goes by e-mail also goes by SMS, as the applicant chose among what their
/// account has; one short GSM-7 SMS with the tracking number and the short link to the request.</summary>
[Collection(WebCollection.Name)]
public sealed partial class SmsNoticeTests(HostFixture host)
{
    /// <summary>Gives the account a confirmed number (as phone sign-up will) and its choice of channels; returns the number.</summary>
    internal static async Task<string> ConfirmPhoneAsync(HostFixture host, string email, NoticeChannels notices)
    {
        Assert.True(FieldRules.TryPhone(TestSms.NewPhone(), out var phone));
        await host.ScalarAsync("""UPDATE "AspNetUsers" SET phone_number = @p, phone_number_confirmed = true, notices = @n WHERE email = @e""",
            ("p", phone), ("n", (int)notices), ("e", email));
        return phone;
    }

    /// <summary>The last SMS of the phone: a notice of that request, in one GSM-7 SMS, with its number and short link.</summary>
    internal static async Task<string> NoticeAsync(HostFixture host, string phone, string number)
    {
        var sms = await TestSms.LastToAsync(host, phone);
        Assert.Equal(SmsKind.Notice, sms.Kind);
        Assert.Equal(await host.ScalarAsync("SELECT id FROM requests WHERE number = @n", ("n", number)), sms.RequestId);
        Assert.Equal(SmsCoding.Gsm7, sms.Coding);
        Assert.Equal(1, sms.Parts);
        Assert.True(SmsText.Of(sms.Text).Length <= 160, sms.Text);
        Assert.Contains($"{number} ", sms.Text, StringComparison.Ordinal);
        Assert.EndsWith($"https://localhost/d/{number}", sms.Text, StringComparison.Ordinal);
        Assert.DoesNotMatch(NotGsm(), sms.Text); // no ê, ç, « », and no "?" standing for a lost letter
        return sms.Text;
    }

    [Fact]
    public async Task Filing_taking_a_message_a_correction_acceptance_rejection_and_revocation_each_send_one_short_sms()
    {
        using var applicant = host.NewSession();
        var user = await TestUsers.SignUpAsync(applicant, "Awa", "Ouédraogo");
        var phone = await ConfirmPhoneAsync(host, user.Email, NoticeChannels.Both);
        var number = await AttestationJourney.FileAsync(applicant);
        // "reçue" arrives as "recue": ç is not in the SMS alphabet, é is.
        Assert.Matches($@"^Demande {number} bien recue\. Décision au plus tard le \d\d/\d\d/2027\. Suivi : https://localhost/d/{number}$",
            await NoticeAsync(host, phone, number));

        using var chief = host.NewSession();
        await TestStaff.SignInAsync(host, chief, Roles.Supervisor, "DGFP", "Aminata", "Traoré");
        var taken = await chief.SubmitAsync(await chief.GetAsync($"/back-office/demandes/{number}"), "Prendre la demande");
        Assert.Contains("en cours d'instruction", await NoticeAsync(host, phone, number), StringComparison.Ordinal);

        var written = await chief.SubmitAsync(taken, "Envoyer le message", [("texte", "Votre bulletin date de 2019 : en avez-vous un plus récent ?")]);
        var message = await NoticeAsync(host, phone, number);
        Assert.Contains("nouveau message", message, StringComparison.Ordinal);
        Assert.DoesNotContain("bulletin", message, StringComparison.Ordinal); // the agent's words stay behind the link

        var accepted = await chief.SubmitAsync(written, "Accepter la demande");
        Assert.StartsWith($"Demande {number} acceptée.", await NoticeAsync(host, phone, number), StringComparison.Ordinal);
        await chief.SubmitAsync(accepted, "Révoquer le document", [("motif", "Délivré par erreur : le service d'affectation est inexact")]);
        var document = await host.ScalarAsync("SELECT number FROM issued_documents WHERE kind = 'Certificate' AND request_id = (SELECT id FROM requests WHERE number = @n)", ("n", number));
        Assert.Equal($"Le document {document} de votre demande {number} a été révoqué. Motif : https://localhost/d/{number}", await NoticeAsync(host, phone, number));

        var corrected = await AttestationJourney.FileAsync(applicant);
        taken = await chief.SubmitAsync(await chief.GetAsync($"/back-office/demandes/{corrected}"), "Prendre la demande");
        await chief.SubmitAsync(taken, "Demander le complément",
            [("champs", "bulletin"), ("message", "Le bulletin joint est illisible : joignez une copie nette, page entière, avec le cachet du service."), ("echeance", "2027-04-09")]);
        var correction = await NoticeAsync(host, phone, corrected);
        Assert.Contains("complément est demandé avant le 09/04/2027", correction, StringComparison.Ordinal);
        Assert.DoesNotContain("illisible", correction, StringComparison.Ordinal); // the reason is read on the request's page

        var rejected = await AttestationJourney.FileAsync(applicant);
        taken = await chief.SubmitAsync(await chief.GetAsync($"/back-office/demandes/{rejected}"), "Prendre la demande");
        await chief.SubmitAsync(taken, "Rejeter la demande", [("motif", string.Concat(Enumerable.Repeat("Les pièces jointes ne correspondent pas à la démarche demandée. ", 6)))]);
        Assert.Equal($"Demande {rejected} rejetée. Motif et notification : https://localhost/d/{rejected}", await NoticeAsync(host, phone, rejected));

        // One SMS a notice, none lost nor doubled: 3 filings, 3 takings, a message, an acceptance, a revocation, a correction, a rejection.
        Assert.Equal(11, (await TestSms.ToAsync(host, phone)).Count);
        // The e-mails still go: the applicant chose both.
        Assert.Equal(11L, await host.ScalarAsync("SELECT count(*) FROM outbox_emails WHERE \"to\" = @to AND subject LIKE 'Demande %'", ("to", user.Email)));
    }

    [Theory]
    [InlineData(NoticeChannels.Email, false, true)]
    [InlineData(NoticeChannels.Sms, true, false)]
    [InlineData(NoticeChannels.Both, true, true)]
    public async Task The_applicants_choice_of_channels_is_followed(NoticeChannels notices, bool sms, bool email)
    {
        using var applicant = host.NewSession();
        var user = await TestUsers.SignUpAsync(applicant);
        var phone = await ConfirmPhoneAsync(host, user.Email, notices);
        var number = await AttestationJourney.FileAsync(applicant);

        Assert.Equal(sms ? 1 : 0, (await TestSms.ToAsync(host, phone)).Count);
        Assert.Equal(email ? 1L : 0L, await host.ScalarAsync("SELECT count(*) FROM outbox_emails WHERE \"to\" = @to AND subject = @s", ("to", user.Email), ("s", $"Demande {number} déposée")));
    }

    [Fact]
    public async Task An_unconfirmed_number_gets_no_sms()
    {
        using var applicant = host.NewSession();
        var user = await TestUsers.SignUpAsync(applicant);
        var phone = await ConfirmPhoneAsync(host, user.Email, NoticeChannels.Both);
        await host.ScalarAsync("""UPDATE "AspNetUsers" SET phone_number_confirmed = false WHERE email = @e""", ("e", user.Email));

        var number = await AttestationJourney.FileAsync(applicant);

        Assert.Empty(await TestSms.ToAsync(host, phone));
        Assert.Equal(1L, await host.ScalarAsync("SELECT count(*) FROM outbox_emails WHERE \"to\" = @to AND subject = @s", ("to", user.Email), ("s", $"Demande {number} déposée")));
    }

    [Fact]
    public async Task An_account_without_email_files_is_decided_and_hears_of_it_by_sms()
    {
        using var applicant = host.NewSession();
        var user = await TestUsers.SignUpAsync(applicant, "Boukary", "Sawadogo");
        // Still "e-mail" as existing accounts are, but no address left: told by SMS rather than not at all.
        var phone = await ConfirmPhoneAsync(host, user.Email, NoticeChannels.Email);
        await host.ScalarAsync("""UPDATE "AspNetUsers" SET email = NULL, normalized_email = NULL WHERE email = @e""", ("e", user.Email));

        var number = await AttestationJourney.FileAsync(applicant);
        Assert.Contains("bien recue", await NoticeAsync(host, phone, number), StringComparison.Ordinal);

        using var agent = host.NewSession();
        await TestStaff.SignInAsync(host, agent, Roles.Agent, "DGFP");
        var file = await agent.GetAsync($"/back-office/demandes/{number}");
        Assert.Contains($"Boukary SAWADOGO — {phone}", file.Text, StringComparison.Ordinal);
        var taken = await agent.SubmitAsync(file, "Prendre la demande");
        var decided = await agent.SubmitAsync(taken, "Accepter la demande");
        Assert.Contains($"Demande {number} : acceptée.", decided.Text, StringComparison.Ordinal);
        Assert.StartsWith($"Demande {number} acceptée.", await NoticeAsync(host, phone, number), StringComparison.Ordinal);
        Assert.Equal(0L, await host.ScalarAsync("SELECT count(*) FROM outbox_emails WHERE body LIKE @n", ("n", $"%{number}%")));
        Assert.Contains("Acceptée", (await applicant.GetAsync($"/mes-demandes/{number}")).Text, StringComparison.Ordinal);
    }

    [GeneratedRegex("[?êçâîôûœ«»\u00A0\u202F]")]
    private static partial Regex NotGsm();
}
