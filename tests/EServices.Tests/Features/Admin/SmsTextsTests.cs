using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using EServices.Tests.Infrastructure;
using EServices.Tests.Workflow;

namespace EServices.Tests.Features.Admin;

/// <summary>Issue 16: the SMS of each status, written per procedure beside its e-mail, with its length and parts.</summary>
[Collection(WebCollection.Name)]
public sealed partial class SmsTextsTests(HostFixture host)
{
    private const string Save = "Enregistrer les documents et e-mails";
    private const string Measure = "Calculer la longueur des SMS";

    [Fact]
    public async Task Each_sms_shows_its_length_and_parts_and_one_over_two_parts_or_with_unknown_words_is_refused_next_to_it()
    {
        var (id, _, _, admin) = await DocumentsTests.PublishedAsync(host);
        using var _ = admin;
        var page = await admin.GetAsync($"/admin/demarches/{id}/documents");
        // The default is shown, measured with sample values (the short link of a sample request among them).
        Assert.Equal("Demande {{numero_demande}} bien reçue. Décision au plus tard le {{echeance}}. Suivi : {{lien}}", page.ValueOf("Emails-0-Sms"));
        Assert.Equal((114, 1), Size(page, 0)); // "Demande FP-2027-000123 bien reçue. Décision au plus tard le 31/03/2027. Suivi : https://localhost/d/FP-2027-000123"
        Assert.Contains("calculée avec des valeurs d'exemple", page.Text, StringComparison.Ordinal);

        // Measured without saving: two parts are allowed.
        var twoParts = "Bonjour {{prenoms}}, " + new string('a', 200) + " {{lien}}";
        var measured = await admin.SubmitAsync(page, Measure, [("Emails[2].Sms", twoParts)]);
        Assert.Equal(HttpStatusCode.OK, measured.Status);
        Assert.Equal((17 + 200 + 35, 2), Size(measured, 2)); // "Bonjour Aminata, ", the a's, " https://localhost/d/FP-2027-000123"
        Assert.Equal(twoParts, measured.ValueOf("Emails-2-Sms"));
        Assert.Equal(0L, await host.ScalarAsync("SELECT count(*) FROM email_templates WHERE procedure_id = @id", ("id", id)));

        var threeParts = "{{demarche}} : " + string.Concat(Enumerable.Repeat("votre dossier avance bien, merci de votre patience. ", 7)) + "{{lien}}";
        var refused = await admin.SubmitAsync(measured, Save, [("Emails[0].Sms", threeParts), ("Emails[1].Sms", "Complément : {{motif}} et {{inconnu}} {{lien}}")]);
        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.Matches(@"^Avec des valeurs d'exemple, ce SMS ferait \d+ caractères, soit 3 SMS : 2 au plus \(306 caractères, 134 si un caractère est hors de l'alphabet des SMS\)\. Raccourcissez-le\.$",
            refused.ErrorFor("Emails-0-Sms"));
        Assert.Equal("{{motif}}, {{inconnu}} ne sont ni des mots de la liste ni des clés de champs du formulaire : corrigez-les ou retirez-les.", refused.ErrorFor("Emails-1-Sms"));
        Assert.Equal(3, Size(refused, 0).Parts);
        Assert.Equal(threeParts, refused.ValueOf("Emails-0-Sms"));
        Assert.Equal(twoParts, refused.ValueOf("Emails-2-Sms"));
        Assert.Equal(2, refused.SummaryErrors.Count);
        Assert.Equal(0L, await host.ScalarAsync("SELECT count(*) FROM email_templates WHERE procedure_id = @id", ("id", id)));

        var empty = await admin.SubmitAsync(refused, Save, [("Emails[0].Sms", " "), ("Emails[1].Sms", "")]);
        Assert.Equal("Saisissez le texte du SMS.", empty.ErrorFor("Emails-0-Sms"));
        Assert.Equal(twoParts, empty.ValueOf("Emails-2-Sms"));
    }

    [Fact]
    public async Task A_custom_sms_is_sent_from_the_next_notice_on_with_accents_made_gsm_and_the_change_journalled()
    {
        var (id, slug, title, admin) = await DocumentsTests.PublishedAsync(host, "Prêt façonné");
        using var _ = admin;
        var saved = await admin.SubmitAsync(await admin.GetAsync($"/admin/demarches/{id}/documents"), Save,
        [
            ("Emails[0].Sms", "« {{demarche}} » : dossier {{numero_demande}} reçu, {{prenoms}}. Suivi : {{lien}}"),
            ("Emails[3].Sms", "Demande {{numero_demande}} rejetée : {{motif}} {{lien}}"),
        ]);
        Assert.Contains("enregistrés", saved.Text, StringComparison.Ordinal);
        Assert.Equal("« {{demarche}} » : dossier {{numero_demande}} reçu, {{prenoms}}. Suivi : {{lien}}", saved.ValueOf("Emails-0-Sms"));
        // The e-mail kept its default: stored empty beside the SMS, it still follows the portal's wording.
        Assert.Equal("Demande {{numero_demande}} déposée", saved.ValueOf("Emails-0-Subject"));
        Assert.Equal("", await host.ScalarAsync("SELECT subject FROM email_templates WHERE procedure_id = @id AND status = 'Submitted'", ("id", id)));

        using var citizen = host.NewSession();
        var user = await TestUsers.SignUpAsync(citizen, "Rasmané", "Kaboré");
        var phone = await SmsNoticeTests.ConfirmPhoneAsync(host, user.Email, NoticeChannels.Both);
        var number = await PublishingTests.FileAsync(citizen, slug, ("objet", "Stage en gestion"));
        // ê and ç are not in the SMS alphabet: the closest letters, never "?"; « » become plain quotes.
        Assert.Equal($"\"{title.Replace("ê", "e", StringComparison.Ordinal).Replace("ç", "c", StringComparison.Ordinal)}\" : dossier {number} recu, Rasmané. Suivi : https://localhost/d/{number}",
            await SmsNoticeTests.NoticeAsync(host, phone, number));
        var mail = await host.Mailbox.WaitForAsync(user.Email, $"Demande {number} déposée");
        Assert.Contains("a bien été déposée", mail.TextBody, StringComparison.Ordinal);

        // A short reason fits the custom text; a long one would push the link out: the default SMS goes instead.
        using var agent = host.NewSession();
        await TestStaff.SignInAsync(host, agent, Roles.Agent, "DGFP");
        var taken = await agent.SubmitAsync(await agent.GetAsync($"/back-office/demandes/{number}"), "Prendre la demande");
        await agent.SubmitAsync(taken, "Rejeter la demande", [("motif", "Stage complet.")]);
        Assert.Equal($"Demande {number} rejetée : Stage complet. https://localhost/d/{number}", (await TestSms.LastToAsync(host, phone)).Text);
        var second = await PublishingTests.FileAsync(citizen, slug, ("objet", "Stage en informatique"));
        taken = await agent.SubmitAsync(await agent.GetAsync($"/back-office/demandes/{second}"), "Prendre la demande");
        await agent.SubmitAsync(taken, "Rejeter la demande", [("motif", string.Concat(Enumerable.Repeat("Le service n'accueille plus de stagiaires cette année. ", 6)))]);
        Assert.Equal($"Demande {second} rejetée. Motif et notification : https://localhost/d/{second}", await SmsNoticeTests.NoticeAsync(host, phone, second));

        // Back to the default: nothing stored any more for that status.
        var page = await admin.GetAsync($"/admin/demarches/{id}/documents");
        await admin.SubmitAsync(page, Save, [("Emails[0].Sms", "Demande {{numero_demande}} bien reçue. Décision au plus tard le {{echeance}}. Suivi : {{lien}}")]);
        Assert.Equal(0L, await host.ScalarAsync("SELECT count(*) FROM email_templates WHERE procedure_id = @id AND status = 'Submitted'", ("id", id)));
        var journal = await admin.GetAsync($"/admin/journal?cible={Uri.EscapeDataString(title)}");
        Assert.Contains("Documents et e-mails : SMS « déposée », SMS « rejetée »", journal.Text, StringComparison.Ordinal);
        Assert.Contains("Documents et e-mails : SMS « déposée » par défaut", journal.Text, StringComparison.Ordinal);
    }

    /// <summary>The length and parts the page shows under the SMS of the <paramref name="index"/>th status.</summary>
    private static (int Length, int Parts) Size(Page page, int index)
    {
        var hint = page.Html.QuerySelector($"#Emails-{index}-Sms-aide")!.TextContent;
        var match = SizeText().Match(hint);
        Assert.True(match.Success, hint);
        return (int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture), int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture));
    }

    [GeneratedRegex(@"Avec des valeurs d'exemple : (\d+) caractères, (\d+) SMS")]
    private static partial Regex SizeText();
}
