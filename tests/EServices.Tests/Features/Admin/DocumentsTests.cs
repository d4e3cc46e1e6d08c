using System.Net;
using EServices.Tests.Features.Filing;
using EServices.Tests.Infrastructure;

namespace EServices.Tests.Features.Admin;

/// <summary>The certificate, refusal letter and e-mails an administrator writes for a procedure, and what applicants then receive.</summary>
[Collection(WebCollection.Name)]
public sealed class DocumentsTests(HostFixture host)
{
    /// <summary>A published procedure of the DGFP with one required field "objet".</summary>
    internal static async Task<(int Id, string Slug, string Title, WebSession Admin)> PublishedAsync(HostFixture host, string titleStart = "Attestation de stage")
    {
        var admin = host.NewSession();
        await TestStaff.SignInAsync(host, admin, Roles.Admin, null, "Salif", "Compaoré");
        var title = $"{titleStart} {Guid.NewGuid():N}"[..30];
        var (id, slug) = await FormBuilderTests.NewProcedureAsync(host, admin, title);
        await FormBuilderTests.AddFieldAsync(admin, id, 1, ("Type", "Text"), ("Label", "Objet de la demande"), ("Key", "objet"), ("Required", "true"));
        await admin.SubmitAsync(await admin.GetAsync($"/admin/demarches/{id}/formulaire"), "Publier la version 1");
        return (id, slug, title, admin);
    }

    [Fact]
    public async Task Unknown_placeholders_and_bad_prefixes_are_refused_next_to_their_field_and_what_was_typed_stays()
    {
        var (id, _, _, admin) = await PublishedAsync(host);
        using var _ = admin;
        var page = await admin.GetAsync($"/admin/demarches/{id}/documents");
        Assert.Equal(HttpStatusCode.OK, page.Status);
        // Pre-filled with the defaults, so that an administrator starts from a working text.
        Assert.Equal("Demande {{numero_demande}} : {{statut}}", page.ValueOf("Emails-2-Subject"));
        Assert.Contains("{{motif}}", page.ValueOf("RefusalLetterBody"), StringComparison.Ordinal);
        Assert.Contains("{{objet}}", page.Text, StringComparison.Ordinal); // listed among the words to use

        var body = "Nous attestons que {{nom}} a effectué un stage ({{objet}}) au service {{servise}}.";
        var refused = await admin.SubmitAsync(page, "Enregistrer les documents et e-mails",
        [
            ("CertificateTitle", "Attestation de stage"), ("CertificatePrefix", "REJ"), ("CertificateBody", body),
            ("Emails[2].Subject", "Bravo {{prenoms}} : {{motif}}"),
        ]);
        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.Equal("{{servise}} n'est ni un mot de la liste ni la clé d'un champ du formulaire : corrigez-le ou retirez-le.", refused.ErrorFor("CertificateBody"));
        Assert.Equal("« REJ » est réservé par le portail : choisissez un autre préfixe.", refused.ErrorFor("CertificatePrefix"));
        // {{motif}} has no value when a request is accepted.
        Assert.StartsWith("{{motif}} n'est ni un mot", refused.ErrorFor("Emails-2-Subject"), StringComparison.Ordinal);
        Assert.Equal(3, refused.SummaryErrors.Count);
        Assert.Equal(body, refused.ValueOf("CertificateBody"));
        Assert.Equal("Bravo {{prenoms}} : {{motif}}", refused.ValueOf("Emails-2-Subject"));
        Assert.Equal("", await host.ScalarAsync("SELECT coalesce(certificate_title, '') FROM procedures WHERE id = @id", ("id", id)));

        var noText = await admin.SubmitAsync(refused, "Enregistrer les documents et e-mails",
            [("CertificatePrefix", "ATS"), ("CertificateBody", ""), ("Emails[2].Subject", ""), ("Emails[0].Body", "  ")]);
        Assert.Equal("Saisissez le texte de l'attestation.", noText.ErrorFor("CertificateBody"));
        Assert.Equal("Saisissez l'objet de l'e-mail.", noText.ErrorFor("Emails-2-Subject"));
        Assert.Equal("Saisissez le texte de l'e-mail.", noText.ErrorFor("Emails-0-Body"));

        // A placeholder of a field that only the draft has is accepted: requests filed with the draft will have it.
        await FormBuilderTests.AddFieldAsync(admin, id, 1, ("Type", "Text"), ("Label", "Lieu du stage"), ("Key", "lieu"));
        var saved = await admin.SubmitAsync(await admin.GetAsync($"/admin/demarches/{id}/documents"), "Enregistrer les documents et e-mails",
            [("CertificateTitle", "Attestation de stage"), ("CertificatePrefix", "ATS"), ("CertificateBody", "Stage de {{nom}} à {{lieu}}.")]);
        Assert.Contains("enregistrés", saved.Text, StringComparison.Ordinal);
        Assert.Equal("Stage de {{nom}} à {{lieu}}.", saved.ValueOf("CertificateBody"));
        // Nothing else changed: the defaults are not stored, so they follow the portal's wording.
        Assert.Equal(0L, await host.ScalarAsync("SELECT count(*) FROM email_templates WHERE procedure_id = @id", ("id", id)));
        Assert.Equal("", await host.ScalarAsync("SELECT coalesce(refusal_letter_body, '') FROM procedures WHERE id = @id", ("id", id)));

        // An e-mail naming the draft's field, then the field removed: the draft cannot be published until the texts agree.
        await admin.SubmitAsync(saved, "Enregistrer les documents et e-mails", [("Emails[2].Body", "Stage accepté à {{lieu}}.")]);
        await admin.SubmitAsync(await admin.GetAsync($"/admin/demarches/{id}/formulaire"), "Supprimer « Lieu du stage »");
        var blocked = await admin.SubmitAsync(await admin.GetAsync($"/admin/demarches/{id}/formulaire"), "Publier la version 2");
        Assert.Contains("L'attestation utilise {{lieu}}, qui n'est pas un champ du formulaire.", blocked.Text, StringComparison.Ordinal);
        Assert.Contains("L'e-mail « acceptée » utilise {{lieu}}, qui n'est pas un champ du formulaire.", blocked.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_preview_pdf_fills_the_unsaved_text_with_sample_answers()
    {
        var (id, _, title, admin) = await PublishedAsync(host);
        using var _ = admin;
        var page = await admin.GetAsync($"/admin/demarches/{id}/documents");
        var preview = await admin.SubmitAsync(page, "Aperçu PDF de l'attestation",
            [("CertificateTitle", "Attestation de stage"), ("CertificatePrefix", "ATS"), ("CertificateBody", "Nous attestons que {{nom}} a demandé « {{objet}} » ({{demarche}}).")]);
        Assert.Equal(HttpStatusCode.OK, preview.Status);
        Assert.Equal("application/pdf", preview.Response.Content.Headers.ContentType?.MediaType);
        var text = FilingTests.PdfText(await preview.Response.Content.ReadAsByteArrayAsync());
        foreach (var expected in new[] { "ATTESTATION DE STAGE — APERÇU", "N° ATS-2027-000001", "Aminata OUÉDRAOGO", "[Objet de la demande]", title })
        {
            Assert.Contains(expected, text, StringComparison.Ordinal);
        }

        var letter = await admin.SubmitAsync(page, "Aperçu PDF de la lettre de refus");
        var letterText = FilingTests.PdfText(await letter.Response.Content.ReadAsByteArrayAsync());
        Assert.Contains("NOTIFICATION DE REJET — APERÇU", letterText, StringComparison.Ordinal);
        Assert.Contains("La copie de l'arrêté d'intégration jointe est illisible.", letterText, StringComparison.Ordinal);

        // A preview with a mistake shows the page and its error rather than a broken PDF; nothing is saved either way.
        var wrong = await admin.SubmitAsync(page, "Aperçu PDF de l'attestation", [("CertificateTitle", "Attestation"), ("CertificatePrefix", "ATS"), ("CertificateBody", "{{inconnu}}")]);
        Assert.Equal(HttpStatusCode.BadRequest, wrong.Status);
        Assert.NotNull(wrong.ErrorFor("CertificateBody"));
        Assert.Equal("", await host.ScalarAsync("SELECT coalesce(certificate_title, '') FROM procedures WHERE id = @id", ("id", id)));
    }

    [Fact]
    public async Task Applicants_receive_the_certificate_the_refusal_letter_and_the_emails_written_for_the_procedure()
    {
        var (id, slug, title, admin) = await PublishedAsync(host);
        using var _ = admin;
        var page = await admin.GetAsync($"/admin/demarches/{id}/documents");
        var saved = await admin.SubmitAsync(page, "Enregistrer les documents et e-mails",
        [
            ("CertificateTitle", "Attestation de stage"), ("CertificatePrefix", "ATS"),
            ("CertificateBody", "Nous attestons que {{nom}} a effectué le stage « {{objet}} »."),
            ("RefusalLetterBody", "Votre demande de stage « {{objet}} » ne peut aboutir : {{motif}}"),
            ("Emails[0].Subject", "Stage : dossier {{numero_demande}} reçu"),
            ("Emails[2].Subject", "Stage accepté, {{prenoms}}"),
            ("Emails[2].Body", "Bonjour {{prenoms}},\n\nVotre stage « {{objet}} » est accepté.\n{{lien}}"),
        ]);
        Assert.Contains($"Documents et e-mails de « {title} » enregistrés.", saved.Text, StringComparison.Ordinal);

        using var citizen = host.NewSession();
        var user = await TestUsers.SignUpAsync(citizen, "Rasmané", "Kaboré");
        var accepted = await PublishingTests.FileAsync(citizen, slug, ("objet", "Stage en gestion des ressources humaines"));
        var rejected = await PublishingTests.FileAsync(citizen, slug, ("objet", "Stage en informatique"));
        var filedMail = await host.Mailbox.WaitForAsync(user.Email, $"Stage : dossier {accepted} reçu");
        Assert.Contains("a bien été déposée", filedMail.TextBody, StringComparison.Ordinal); // the body kept its default

        using var agent = host.NewSession();
        await TestStaff.SignInAsync(host, agent, Roles.Agent, "DGFP");
        var taken = await agent.SubmitAsync(await agent.GetAsync($"/back-office/demandes/{accepted}"), "Prendre la demande");
        await agent.SubmitAsync(taken, "Accepter la demande");
        var acceptedMail = await host.Mailbox.WaitForAsync(user.Email, "Stage accepté, Rasmané");
        Assert.Contains("Votre stage « Stage en gestion des ressources humaines » est accepté.", acceptedMail.TextBody, StringComparison.Ordinal);
        Assert.Contains($"/mes-demandes/{accepted}", acceptedMail.TextBody, StringComparison.Ordinal);
        var certificate = FilingTests.PdfText((await citizen.DownloadAsync($"/mes-demandes/{accepted}/certificat")).Content);
        Assert.Contains("ATTESTATION DE STAGE", certificate, StringComparison.Ordinal);
        Assert.Contains("Nous attestons que Rasmané KABORÉ a effectué le stage « Stage en gestion des ressources humaines ».", certificate, StringComparison.Ordinal);

        taken = await agent.SubmitAsync(await agent.GetAsync($"/back-office/demandes/{rejected}"), "Prendre la demande");
        await agent.SubmitAsync(taken, "Rejeter la demande", [("motif", "Le service n'accueille plus de stagiaires cette année.")]);
        var rejectedMail = await host.Mailbox.WaitForAsync(user.Email, $"Demande {rejected} : rejetée"); // the default wording
        Assert.Contains("Le service n'accueille plus de stagiaires cette année.", rejectedMail.TextBody, StringComparison.Ordinal);
        var mine = await citizen.GetAsync($"/mes-demandes/{rejected}");
        Assert.Contains("Télécharger « Notification de rejet » (PDF)", mine.Text, StringComparison.Ordinal);
        var letter = FilingTests.PdfText((await citizen.DownloadAsync($"/mes-demandes/{rejected}/certificat")).Content);
        Assert.Matches(@"N° REJ-2027-\d{6}", letter);
        Assert.Contains("Votre demande de stage « Stage en informatique » ne peut aboutir : Le service n'accueille plus de stagiaires cette année.", letter, StringComparison.Ordinal);

        var journal = await admin.GetAsync($"/admin/journal?cible={Uri.EscapeDataString(title)}");
        Assert.Contains("Documents et e-mails : attestation « Attestation de stage », lettre de refus, e-mail « déposée », e-mail « acceptée »", journal.Text, StringComparison.Ordinal);
    }
}
