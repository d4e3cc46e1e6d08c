using System.Net;
using EServices.Tests.Infrastructure;
using UglyToad.PdfPig;

namespace EServices.Tests.Features.Filing;

[Collection(WebCollection.Name)]
public sealed class FilingTests(HostFixture host)
{
    [Fact]
    public async Task Starting_a_procedure_requires_signing_in()
    {
        using var session = host.NewSession();
        var sheet = await session.GetAsync("/demarches/attestation-de-travail");
        Assert.Contains("Se connecter pour commencer", sheet.Text, StringComparison.Ordinal);

        var draftUrl = await session.GetAsync("/mes-demandes", follow: false);
        Assert.Equal(HttpStatusCode.Redirect, draftUrl.Status);
        Assert.StartsWith("https://localhost/compte/connexion", draftUrl.Location, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Missing_and_malformed_answers_are_shown_next_to_their_fields_and_nothing_typed_is_lost()
    {
        using var session = host.NewSession();
        await TestUsers.SignUpAsync(session);
        var step1 = await AttestationJourney.StartAsync(session);
        Assert.Contains("Étape 1 sur 3", step1.Text, StringComparison.Ordinal);

        var redisplayed = await session.SubmitAsync(step1, "Continuer",
            [("matricule", "12AB"), ("nom_declare", ""), ("prenoms_declares", "Awa"), ("date_naissance", "2030-01-01"), ("telephone", "123")]);

        Assert.Equal(HttpStatusCode.BadRequest, redisplayed.Status);
        Assert.Contains("6 ou 7 chiffres suivis d'une lettre", redisplayed.ErrorFor("matricule"), StringComparison.Ordinal);
        Assert.Equal("« Nom » est obligatoire.", redisplayed.ErrorFor("nom_declare"));
        Assert.Equal("« Date de naissance » ne peut pas être dans le futur.", redisplayed.ErrorFor("date_naissance"));
        Assert.Contains("+226 suivi de 8 chiffres", redisplayed.ErrorFor("telephone"), StringComparison.Ordinal);
        Assert.Equal(4, redisplayed.SummaryErrors.Count);
        Assert.Equal("#matricule", redisplayed.Html.QuerySelector(".error-summary a")!.GetAttribute("href"));
        Assert.Equal("12AB", redisplayed.ValueOf("matricule"));
        Assert.Equal("Awa", redisplayed.ValueOf("prenoms_declares"));
        Assert.Equal("123", redisplayed.ValueOf("telephone"));

        var step2 = await session.SubmitAsync(redisplayed, "Continuer", AttestationJourney.Identity);
        Assert.Contains("Étape 2 sur 3", step2.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_field_shown_only_for_another_motive_is_required_only_when_that_motive_is_chosen()
    {
        using var session = host.NewSession();
        await TestUsers.SignUpAsync(session);
        var step1 = await AttestationJourney.StartAsync(session);
        var step2 = await session.SubmitAsync(step1, "Continuer", AttestationJourney.Identity);
        Assert.Contains("Seulement si vous avez répondu « Autre motif » à « Motif de la demande »", step2.Text, StringComparison.Ordinal);

        var other = AttestationJourney.Employment.Where(f => f.Item1 != "motif_demande").Append(("motif_demande", "autre")).ToArray();
        var refused = await session.SubmitAsync(step2, "Continuer", other);
        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.Equal("« Précisez le motif » est obligatoire.", refused.ErrorFor("motif_autre"));

        var accepted = await session.SubmitAsync(refused, "Continuer", [("motif_autre", "Demande de visa")]);
        Assert.Contains("Étape 3 sur 3", accepted.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Attachments_are_judged_by_content_and_size_not_by_name()
    {
        using var session = host.NewSession();
        await TestUsers.SignUpAsync(session);
        var step3 = await AttestationJourney.ToDocumentsStepAsync(session);

        var refused = await session.SubmitAsync(step3, "Continuer vers le récapitulatif", files: new Dictionary<string, Upload>
        {
            ["cnib"] = TestFiles.ExecutableNamedPdf(),
            ["bulletin"] = TestFiles.Oversized(),
        });
        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.Equal("« Copie de la CNIB » : seuls les fichiers PDF, JPEG et PNG sont acceptés.", refused.ErrorFor("cnib"));
        Assert.Contains("la limite est de 5,0 Mo", refused.ErrorFor("bulletin"), StringComparison.Ordinal);

        var html = await session.SubmitAsync(refused, "Continuer vers le récapitulatif", files: new Dictionary<string, Upload>
        {
            ["cnib"] = TestFiles.Html(),
            ["bulletin"] = TestFiles.Pdf("../../etc/passwd.pdf"),
        });
        Assert.Equal(HttpStatusCode.BadRequest, html.Status);
        Assert.NotNull(html.ErrorFor("cnib"));
        Assert.Null(html.ErrorFor("bulletin"));
        Assert.Contains("Fichier joint : passwd.pdf", html.Text, StringComparison.Ordinal);

        var review = await session.SubmitAsync(html, "Continuer vers le récapitulatif", files: new Dictionary<string, Upload> { ["cnib"] = TestFiles.Png("cnib.png") });
        Assert.Contains("Vérifiez votre demande avant de la déposer", review.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Filing_gives_a_tracking_number_a_due_date_in_working_days_a_receipt_and_an_email()
    {
        using var session = host.NewSession();
        var user = await TestUsers.SignUpAsync(session, "Awa", "Ouédraogo");
        var review = await AttestationJourney.FillAsync(session);
        Assert.Contains("212345A", review.Text, StringComparison.Ordinal);
        Assert.Contains("Constitution d'un dossier bancaire", review.Text, StringComparison.Ordinal);
        Assert.Contains("14/05/1988", review.Text, StringComparison.Ordinal);
        Assert.Contains("ma cnib.pdf (2 Ko)", review.Text, StringComparison.Ordinal);
        Assert.Contains("+226 70 12 34 56", review.Text, StringComparison.Ordinal);

        var withoutDeclaration = await session.SubmitAsync(review, "Déposer ma demande");
        Assert.Equal(HttpStatusCode.BadRequest, withoutDeclaration.Status);
        Assert.Equal("Cochez la case pour certifier que les informations sont exactes.", withoutDeclaration.ErrorFor("declaration"));

        var filed = await session.SubmitAsync(withoutDeclaration, "Déposer ma demande", [("declaration", "oui")]);
        var number = filed.Url.Split('/').Last();
        Assert.Matches(@"^FP-2027-\d{6}$", number);
        Assert.Contains($"Votre demande est déposée. Numéro de suivi : {number}", filed.Text, StringComparison.Ordinal);
        Assert.Contains("Déposée", filed.Text, StringComparison.Ordinal);

        // Filed on Friday 26 March 2027; Monday 29 is Easter Monday: three working days end on Thursday 1 April.
        Assert.Contains("Décision attendue au plus tard le 01/04/2027", filed.Text, StringComparison.Ordinal);

        var (status, pdf, response) = await session.DownloadAsync($"/mes-demandes/{number}/recepisse");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType!.MediaType);
        var text = PdfText(pdf);
        Assert.Contains(number, text, StringComparison.Ordinal);
        Assert.Contains("Awa OUÉDRAOGO", text, StringComparison.Ordinal);
        Assert.Contains("Attestation de travail", text, StringComparison.Ordinal);
        Assert.Contains("01/04/2027", text, StringComparison.Ordinal);
        Assert.Contains("ma cnib.pdf (2 Ko)", text, StringComparison.Ordinal);
        Assert.Contains("/verifier/", text, StringComparison.Ordinal);

        var email = await host.Mailbox.WaitForAsync(user.Email, $"Demande {number} déposée");
        Assert.Contains($"/mes-demandes/{number}", email.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Submitting_twice_files_one_request()
    {
        using var session = host.NewSession();
        await TestUsers.SignUpAsync(session);
        var review = await AttestationJourney.FillAsync(session);

        // Three posts of the same review page at once (double click, retry), then one more after the fact.
        var posts = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => session.SubmitAsync(review, "Déposer ma demande", [("declaration", "oui")])));
        var late = await session.SubmitAsync(review, "Déposer ma demande", [("declaration", "oui")]);

        var numbers = posts.Append(late).Select(p => p.Url.Split('/').Last()).Distinct().ToList();
        Assert.Single(numbers);
        var mine = await session.GetAsync("/mes-demandes");
        Assert.Single(mine.Html.QuerySelectorAll("table.table tbody tr"));
    }

    [Fact]
    public async Task Tracking_numbers_are_unique_and_follow_each_other()
    {
        using var first = host.NewSession();
        using var second = host.NewSession();
        await TestUsers.SignUpAsync(first);
        await TestUsers.SignUpAsync(second);
        var numbers = await Task.WhenAll(AttestationJourney.FileAsync(first), AttestationJourney.FileAsync(second));

        Assert.NotEqual(numbers[0], numbers[1]);
        var sequence = numbers.Select(n => int.Parse(n[^6..], System.Globalization.CultureInfo.InvariantCulture)).Order().ToList();
        Assert.Equal(sequence[0] + 1, sequence[1]);
    }

    [Fact]
    public async Task A_draft_saved_at_a_step_is_resumed_from_my_requests()
    {
        using var session = host.NewSession();
        await TestUsers.SignUpAsync(session);
        var step1 = await AttestationJourney.StartAsync(session);
        var step2 = await session.SubmitAsync(step1, "Continuer", AttestationJourney.Identity);
        var left = await session.SubmitAsync(step2, "Enregistrer et finir plus tard", [("ministere", "Ministère de l'Éducation")]);

        Assert.Contains("Votre brouillon « Attestation de travail » est enregistré", left.Text, StringComparison.Ordinal);
        Assert.Contains("Brouillons à terminer", left.Text, StringComparison.Ordinal);
        var resumed = await session.ClickAsync(left, "Reprendre");
        Assert.Equal("Ministère de l'Éducation", resumed.ValueOf("ministere"));

        // Starting the same procedure again resumes that draft instead of opening a second one.
        var again = await AttestationJourney.StartAsync(session);
        Assert.Contains("Vous aviez déjà commencé cette démarche", again.Text, StringComparison.Ordinal);
        Assert.Equal("Ministère de l'Éducation", again.ValueOf("ministere"));
    }

    [Fact]
    public async Task A_procedure_not_yet_online_cannot_be_started()
    {
        using var session = host.NewSession();
        await TestUsers.SignUpAsync(session);
        var sheet = await session.GetAsync("/demarches/titularisation");
        Assert.Equal(HttpStatusCode.OK, sheet.Status);
        Assert.Contains("Bientôt en ligne", sheet.Text, StringComparison.Ordinal);
        Assert.Contains("Comment faire en attendant", sheet.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Commencer la démarche", sheet.Text, StringComparison.Ordinal);
    }

    public static string PdfText(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        return string.Join(' ', document.GetPages().SelectMany(p => p.GetWords()).Select(w => w.Text));
    }
}
