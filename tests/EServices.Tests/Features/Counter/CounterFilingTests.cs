using System.Net;
using EServices.Tests.Features.CompetitionResults;
using EServices.Tests.Features.Filing;
using EServices.Tests.Infrastructure;
using EServices.Web.Features.Counter;

namespace EServices.Tests.Features.Counter;

/// <summary>Filing at a counter (issue 19): a clerk identifies a citizen by their CNIB, fills the form with them, and the
/// citizen confirms by the code their phone receives or by signing the printed summary. The request is the citizen's,
/// marked as filed at a counter, in the history and the journal; the citizen claims their account later; the clerk reaches
/// nothing but the drafts they started there.</summary>
[Collection(WebCollection.Name)]
public sealed class CounterFilingTests(HostFixture host)
{
    [Fact]
    public async Task A_citizen_with_a_phone_confirms_by_the_sms_code_then_claims_the_account_and_follows_the_request_online()
    {
        using var clerk = host.NewSession();
        await TestStaff.SignInAsync(host, clerk, Roles.Clerk, null, "Rasmata", "Sawadogo");
        var (cnib, phone) = (NewCnib(), TestSms.NewPhone());

        var step1 = await CounterJourney.OpenAsync(clerk, " " + cnib.ToLowerInvariant().Insert(3, " "), "Ouédraogo", "Awa", phone);
        Assert.Contains($"Dépôt au guichet pour Awa OUÉDRAOGO (CNIB {cnib})", step1.Text, StringComparison.Ordinal);
        var review = await CounterJourney.FillAsync(clerk, step1);
        Assert.Equal("Vérifiez la demande avec le citoyen", review.Html.QuerySelector("h1")!.TextContent);

        // No code asked for yet, then a wrong one: the citizen's request stays a draft.
        var none = await clerk.SubmitAsync(review, "Déposer avec ce code", [("Code", "123 456")]);
        Assert.Equal(HttpStatusCode.BadRequest, none.Status);
        Assert.Equal("Ce code n'est plus valable (10 minutes, 5 essais) : envoyez un nouveau code.", none.ErrorFor("Code"));
        var sent = await clerk.SubmitAsync(review, $"Envoyer le code par SMS au {Canonical(phone)}");
        Assert.Contains($"Code envoyé par SMS au {Canonical(phone)}", sent.Text, StringComparison.Ordinal);
        var sms = await TestSms.LastToAsync(host, phone);
        Assert.Contains("Attestation de travail", sms.Text, StringComparison.Ordinal);
        Assert.Contains("au guichet. Donnez-le", sms.Text, StringComparison.Ordinal);
        var code = TestUsers.CodeIn(sms.Text);
        var wrong = await clerk.SubmitAsync(sent, "Déposer avec ce code", [("Code", code == "000000" ? "111111" : "000000")]);
        Assert.Equal("Ce code n'est pas le bon : demandez au demandeur de relire le SMS reçu.", wrong.ErrorFor("Code"));

        var done = await clerk.SubmitAsync(wrong, "Déposer avec ce code", [("Code", code)]);
        Assert.Equal("Demande de Awa OUÉDRAOGO déposée", done.Html.QuerySelector("h1")!.TextContent);
        var number = done.Html.QuerySelector("main strong")!.TextContent;
        var receipt = await clerk.DownloadAsync(done.Html.QuerySelector("a[href$='/recepisse']")!.GetAttribute("href")!);
        Assert.Equal(HttpStatusCode.OK, receipt.Status);
        Assert.Contains(number, await ResultsSeed.PdfToTextAsync(receipt.Content), StringComparison.Ordinal);
        Assert.Contains("« Mot de passe oublié », avec ce numéro", done.Text, StringComparison.Ordinal);

        // The request is the citizen's, filed at the counter by the clerk, on the code's proof; the journal says so.
        var citizenId = (string)(await host.ScalarAsync("SELECT applicant_id FROM requests WHERE number = @n", ("n", number)))!;
        Assert.Equal(cnib, await host.ScalarAsync("SELECT cnib FROM \"AspNetUsers\" WHERE id = @u", ("u", citizenId)));
        Assert.Equal(true, await host.ScalarAsync("SELECT phone_number_confirmed AND password_hash IS NULL FROM \"AspNetUsers\" WHERE id = @u", ("u", citizenId)));
        Assert.Equal("SmsCode", await host.ScalarAsync("SELECT f.confirmation FROM counter_filings f JOIN requests r ON r.id = f.request_id WHERE r.number = @n", ("n", number)));
        Assert.Equal(2L, await host.ScalarAsync(
            "SELECT count(*) FROM audit_entries WHERE target_id = (SELECT id::text FROM requests WHERE number = @n) AND action LIKE 'Dépôt au guichet%'", ("n", number)));
        using var agent = host.NewSession();
        await TestStaff.SignInAsync(host, agent, Roles.Agent, "DGFP");
        var file = await agent.GetAsync($"/back-office/demandes/{number}");
        Assert.Contains($"Rasmata SAWADOGO : Brouillon → Brouillon. Dépôt au guichet, confirmé par le demandeur par le code reçu par SMS au {Canonical(phone)}", file.Text, StringComparison.Ordinal);

        // Claimed: the sign-up with that number says an account is waiting; « Mot de passe oublié » gives it a password.
        using var citizen = host.NewSession();
        await citizen.SubmitAsync(await citizen.GetAsync("/compte/inscription"), "Créer mon compte",
            [("FirstNames", "Awa"), ("LastName", "Ouédraogo"), ("Phone", phone), ("Password", TestUsers.Password), ("ConfirmPassword", TestUsers.Password)]);
        Assert.Contains("un compte a déjà été ouvert à ce numéro, à un guichet", (await TestSms.LastToAsync(host, phone)).Text, StringComparison.Ordinal);
        var forgot = await citizen.SubmitAsync(await citizen.GetAsync("/compte/mot-de-passe-oublie"), "Recevoir le lien ou le code", [("Email", phone)]);
        var resetCode = TestUsers.CodeIn((await TestSms.LastToAsync(host, phone)).Text);
        var reset = await citizen.SubmitAsync(forgot, "Valider le code", [("Code", resetCode), ("Password", "ma phrase du guichet"), ("ConfirmPassword", "ma phrase du guichet")]);
        Assert.Contains("Votre mot de passe est changé", reset.Text, StringComparison.Ordinal);
        await citizen.SubmitAsync(await citizen.GetAsync("/compte/connexion"), "Se connecter", [("Email", phone), ("Password", "ma phrase du guichet")]);
        Assert.Contains(number, (await citizen.GetAsync("/mes-demandes")).Text, StringComparison.Ordinal);
        Assert.Contains("Dépôt au guichet", (await citizen.GetAsync($"/mes-demandes/{number}")).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_phone_the_printed_summary_is_signed_scanned_and_attached_and_the_card_finds_the_account_next_time()
    {
        using var clerk = host.NewSession();
        await TestStaff.SignInAsync(host, clerk, Roles.Clerk, null);
        var cnib = NewCnib();
        var review = await CounterJourney.FillAsync(clerk, await CounterJourney.OpenAsync(clerk, cnib, "Kaboré", "Issouf", phone: ""));
        Assert.DoesNotContain("Envoyer le code", review.Text, StringComparison.Ordinal);

        var toSign = await clerk.DownloadAsync(review.Html.QuerySelector("a[href$='/a-signer']")!.GetAttribute("href")!);
        Assert.Equal("application/pdf", toSign.Response.Content.Headers.ContentType!.MediaType);
        var printed = await ResultsSeed.PdfToTextAsync(toSign.Content);
        foreach (var expected in new[] { "Récapitulatif de la demande à signer", cnib, "Issouf KABORÉ", "212345A", "Signature du demandeur" })
        {
            Assert.Contains(expected, printed, StringComparison.Ordinal);
        }

        // No scan, an empty one, a page of HTML named .pdf: each told beside the field, nothing filed.
        foreach (var (scan, message) in new (Upload?, string)[]
        {
            (null, FileAtCounter.SummaryMissing),
            (TestFiles.Empty(), "« Récapitulatif signé » : le fichier est vide."),
            (TestFiles.Html(), "« Récapitulatif signé » : seuls les fichiers PDF, JPEG et PNG sont acceptés."),
        })
        {
            var refused = await clerk.SubmitAsync(review, "Déposer avec le récapitulatif signé", files: scan is null ? null : new Dictionary<string, Upload> { ["recapitulatif"] = scan });
            Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
            Assert.Equal(message, refused.ErrorFor("Recapitulatif"));
        }

        var signed = new string('é', 200) + ".png";
        var done = await clerk.SubmitAsync(review, "Déposer avec le récapitulatif signé", files: new Dictionary<string, Upload> { ["recapitulatif"] = TestFiles.Png(signed) });
        Assert.Equal("Demande de Issouf KABORÉ déposée", done.Html.QuerySelector("h1")!.TextContent);
        Assert.Contains("À un prochain passage au guichet avec un téléphone", done.Text, StringComparison.Ordinal);
        var number = done.Html.QuerySelector("main strong")!.TextContent;

        // The agent reads the signed summary among the documents.
        using var agent = host.NewSession();
        await TestStaff.SignInAsync(host, agent, Roles.Agent, "DGFP");
        var file = await agent.GetAsync($"/back-office/demandes/{number}");
        Assert.Contains(CounterFiling.SignedSummaryLabel, file.Text, StringComparison.Ordinal);
        Assert.Contains("par sa signature sur le récapitulatif imprimé (pièce jointe)", file.Text, StringComparison.Ordinal);
        var preview = file.Html.QuerySelectorAll("a[href^='/back-office/pieces/']").Select(a => a.GetAttribute("href")!).Distinct().ToList();
        Assert.Equal(3, preview.Count);
        foreach (var href in preview)
        {
            Assert.Equal(HttpStatusCode.OK, (await agent.DownloadAsync(href)).Status);
        }

        // Next visit, with a phone now: the card finds the same account; the code to the number confirms it.
        var citizenId = (string)(await host.ScalarAsync("SELECT applicant_id FROM requests WHERE number = @n", ("n", number)))!;
        var phone = TestSms.NewPhone();
        var again = await CounterJourney.OpenAsync(clerk, cnib, "Kaboré", "Issouf", phone);
        var draftId = Guid.Parse(again.Url.Split('/')[3]);
        Assert.Equal(citizenId, await host.ScalarAsync("SELECT applicant_id FROM requests WHERE id = @d", ("d", draftId)));
        var second = await CounterJourney.FillAsync(clerk, again);
        await clerk.SubmitAsync(second, $"Envoyer le code par SMS au {Canonical(phone)}");
        await clerk.SubmitAsync(second, "Déposer avec ce code", [("Code", TestUsers.CodeIn((await TestSms.LastToAsync(host, phone)).Text))]);
        Assert.Equal(true, await host.ScalarAsync("SELECT phone_number_confirmed FROM \"AspNetUsers\" WHERE id = @u", ("u", citizenId)));
    }

    [Fact]
    public async Task A_number_typed_at_the_counter_never_puts_the_request_in_its_account_unless_its_code_is_read_out()
    {
        using var owner = host.NewSession();
        var (phone, _) = await TestUsers.SignUpByPhoneAsync(owner, "Salif", "Ouattara");
        var ownerId = (string)(await host.ScalarAsync("SELECT id FROM \"AspNetUsers\" WHERE phone_number = @p AND phone_number_confirmed", ("p", Canonical(phone))))!;
        using var clerk = host.NewSession();
        await TestStaff.SignInAsync(host, clerk, Roles.Clerk, null);

        // Someone else gives that number by mistake and signs the summary: the request stays with their card's account.
        var stranger = await CounterJourney.FillAsync(clerk, await CounterJourney.OpenAsync(clerk, NewCnib(), "Zongo", "Boukary", phone));
        var signed = await clerk.SubmitAsync(stranger, "Déposer avec le récapitulatif signé", files: new Dictionary<string, Upload> { ["recapitulatif"] = TestFiles.Png("signe.png") });
        var strangers = signed.Html.QuerySelector("main strong")!.TextContent;
        Assert.NotEqual(ownerId, await host.ScalarAsync("SELECT applicant_id FROM requests WHERE number = @n", ("n", strangers)));
        Assert.DoesNotContain(strangers, (await owner.GetAsync("/mes-demandes")).Text, StringComparison.Ordinal);

        // The number's owner comes with their card and reads out the code: the request, and the card, go to their account.
        var card = NewCnib();
        var own = await CounterJourney.FillAsync(clerk, await CounterJourney.OpenAsync(clerk, card, "Ouattara", "Salif", phone));
        await clerk.SubmitAsync(own, $"Envoyer le code par SMS au {Canonical(phone)}");
        var done = await clerk.SubmitAsync(own, "Déposer avec ce code", [("Code", TestUsers.CodeIn((await TestSms.LastToAsync(host, phone)).Text))]);
        var number = done.Html.QuerySelector("main strong")!.TextContent;
        Assert.Equal(ownerId, await host.ScalarAsync("SELECT applicant_id FROM requests WHERE number = @n", ("n", number)));
        Assert.Equal(card, await host.ScalarAsync("SELECT cnib FROM \"AspNetUsers\" WHERE id = @u", ("u", ownerId)));
        Assert.Contains(number, (await owner.GetAsync("/mes-demandes")).Text, StringComparison.Ordinal);
        Assert.Contains("Rattachée au compte en ligne du numéro confirmé par le code", (await owner.GetAsync($"/mes-demandes/{number}")).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_clerk_reaches_only_the_drafts_they_started_at_the_counter()
    {
        using var citizen = host.NewSession();
        await TestUsers.SignUpAsync(citizen);
        var number = await AttestationJourney.FileAsync(citizen);
        var ownDraft = (await AttestationJourney.StartAsync(citizen)).Url.Split('/')[2];
        using var clerk = host.NewSession();
        await TestStaff.SignInAsync(host, clerk, Roles.Clerk, null);
        using var otherClerk = host.NewSession();
        await TestStaff.SignInAsync(host, otherClerk, Roles.Clerk, null, "Moussa", "Zongo");
        var mine = (await CounterJourney.OpenAsync(clerk, NewCnib(), "Traoré", "Mariam", "")).Url.Split('/')[3];

        // Not the citizen's own draft or request, through any page; not the back-office.
        foreach (var path in new[]
        {
            $"/guichet/brouillons/{ownDraft}/etapes/1", $"/guichet/brouillons/{ownDraft}/recapitulatif", $"/guichet/brouillons/{ownDraft}/a-signer",
            $"/guichet/brouillons/{ownDraft}/depose", $"/guichet/brouillons/{ownDraft}/recepisse", $"/brouillons/{ownDraft}/etapes/1",
        })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await clerk.GetAsync(path)).Status);
        }

        foreach (var path in new[] { "/mes-demandes", $"/mes-demandes/{number}", "/back-office", $"/back-office/demandes/{number}" })
        {
            Assert.EndsWith("/compte/acces-refuse", (await clerk.GetAsync(path, follow: false)).Location!.Split('?')[0], StringComparison.Ordinal);
        }

        // Another clerk's draft is not found either, nor its posts.
        foreach (var path in new[] { $"/guichet/brouillons/{mine}/etapes/1", $"/guichet/brouillons/{mine}/recapitulatif", $"/guichet/brouillons/{mine}/a-signer", $"/guichet/brouillons/{mine}/depose" })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await otherClerk.GetAsync(path)).Status);
        }

        var home = await clerk.GetAsync("/guichet");
        var post = await otherClerk.Client.PostAsync($"/guichet/brouillons/{mine}/code", new FormUrlEncodedContent([KeyValuePair.Create("__RequestVerificationToken", home.Html.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!)]));
        Assert.True(post.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.BadRequest, $"{post.StatusCode}");
        Assert.DoesNotContain("Attestation de travail", (await otherClerk.GetAsync("/guichet")).Html.QuerySelector("table")?.TextContent ?? "", StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_bad_identification_is_told_beside_its_field_and_keeps_what_was_typed()
    {
        using var clerk = host.NewSession();
        await TestStaff.SignInAsync(host, clerk, Roles.Clerk, null);
        var home = await clerk.GetAsync("/guichet");
        Assert.Equal(HttpStatusCode.OK, home.Status);

        const string BadCnib = "Le numéro de CNIB est une lettre suivie de 7 à 9 chiffres (ex. B12345678).";
        foreach (var (field, value, message) in new[]
        {
            ("Cnib", "", "Saisissez le numéro de la CNIB présentée (ex. B12345678)."),
            ("Cnib", "12345678", BadCnib),
            ("Cnib", "B123", BadCnib),
            ("Cnib", "Ｂ１２３４５６７８", BadCnib),
            ("Cnib", "B1234567890", BadCnib),
            ("Cnib", "<script>B12345678</script>", BadCnib),
            ("LastName", "", "Saisissez le nom, comme sur la CNIB."),
            ("LastName", new string('a', 61), "60 caractères au plus."),
            ("FirstNames", "Awa\u0007", "Les prénoms contiennent des caractères non autorisés."),
            ("LastName", "Tra\u202Eoré", "Le nom contient des caractères non autorisés."),
            ("Phone", "12", "Saisissez un numéro du Burkina Faso : +226 suivi de 8 chiffres (ex. +226 70 12 34 56), ou laissez le champ vide si le demandeur n'a pas de téléphone."),
            ("Procedure", "", "Choisissez la démarche."),
            ("Procedure", "J#61vaScript", OpenCounterFile.NoSuchProcedure),
        })
        {
            var values = new Dictionary<string, string> { ["Cnib"] = NewCnib(), ["LastName"] = "Traoré", ["FirstNames"] = "Mariam", ["Phone"] = "", ["Procedure"] = "attestation-de-travail" };
            values[field] = value;
            var page = await clerk.SubmitAsync(home, "Commencer le dépôt", values.Select(v => (v.Key, v.Value)));
            Assert.True(page.Status == HttpStatusCode.BadRequest, $"{field}={value}: {page.Status}");
            Assert.Equal(message, page.ErrorFor(field));
            Assert.Equal(values["LastName"], page.ValueOf("LastName"));
        }

        // A number already confirmed by someone else's account (another card), and a staff member's.
        using var owner = host.NewSession();
        var (taken, _) = await TestUsers.SignUpByPhoneAsync(owner);
        await host.ScalarAsync("UPDATE \"AspNetUsers\" SET cnib = @c WHERE phone_number = @p AND phone_number_confirmed", ("c", NewCnib()), ("p", Canonical(taken)));
        var other = await clerk.SubmitAsync(home, "Commencer le dépôt", [("Cnib", NewCnib()), ("LastName", "Traoré"), ("FirstNames", "Mariam"), ("Phone", taken), ("Procedure", "attestation-de-travail")]);
        Assert.Equal(OpenCounterFile.OtherAccountsNumber, other.ErrorFor("Phone"));
        var staffPhone = TestSms.NewPhone();
        var agent = await TestStaff.CreateAsync(host, Roles.Agent, "DGFP");
        await host.ScalarAsync("UPDATE \"AspNetUsers\" SET phone_number = @p, phone_number_confirmed = true WHERE email = @e", ("p", Canonical(staffPhone)), ("e", agent.Email));
        var staff = await clerk.SubmitAsync(home, "Commencer le dépôt", [("Cnib", NewCnib()), ("LastName", "Kaboré"), ("FirstNames", "Issa"), ("Phone", staffPhone), ("Procedure", "attestation-de-travail")]);
        Assert.Equal(OpenCounterFile.StaffAccount, staff.ErrorFor("Phone"));

        // A card already known, typed with other names (a digit wrong names someone else): refused, whoever it names.
        var known = NewCnib();
        await CounterJourney.OpenAsync(clerk, known, "Traoré", "Mariam", "");
        var typo = await clerk.SubmitAsync(home, "Commencer le dépôt", [("Cnib", known), ("LastName", "Kaboré"), ("FirstNames", "Issa"), ("Phone", ""), ("Procedure", "attestation-de-travail")]);
        Assert.Equal(OpenCounterFile.OtherName, typo.ErrorFor("Cnib"));
        var same = await clerk.SubmitAsync(home, "Commencer le dépôt", [("Cnib", known.ToLowerInvariant()), ("LastName", "TRAORE"), ("FirstNames", " mariam "), ("Phone", ""), ("Procedure", "attestation-de-travail")]);
        Assert.StartsWith("/guichet/brouillons/", same.Url, StringComparison.Ordinal); // case, accents and spaces do not matter
    }

    private static string NewCnib() => "B" + Random.Shared.Next(10_000_000, 100_000_000).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static string Canonical(string phone) => FieldRules.TryPhone(phone, out var canonical) ? canonical : throw new ArgumentException(phone);
}

/// <summary>The counter's pages as a clerk goes through them.</summary>
public static class CounterJourney
{
    /// <summary>« Nouveau dépôt » for the « Attestation de travail »: lands on its first step.</summary>
    public static async Task<Page> OpenAsync(WebSession clerk, string cnib, string lastName, string firstNames, string phone)
    {
        var home = await clerk.GetAsync("/guichet");
        var step1 = await clerk.SubmitAsync(home, "Commencer le dépôt",
            [("Cnib", cnib), ("LastName", lastName), ("FirstNames", firstNames), ("Phone", phone), ("Procedure", "attestation-de-travail")]);
        Assert.True(step1.Url.StartsWith("/guichet/brouillons/", StringComparison.Ordinal), step1.Url + " " + step1.Text);
        return step1;
    }

    /// <summary>Fills the three steps as the applicant would (the documents scanned at the counter) and lands on the review.</summary>
    public static async Task<Page> FillAsync(WebSession clerk, Page step1)
    {
        var step2 = await clerk.SubmitAsync(step1, "Continuer", AttestationJourney.Identity);
        var step3 = await clerk.SubmitAsync(step2, "Continuer", AttestationJourney.Employment);
        var review = await clerk.SubmitAsync(step3, "Continuer vers le récapitulatif", files: new Dictionary<string, Upload>
        {
            ["cnib"] = TestFiles.Pdf("cnib numérisée.pdf"),
            ["bulletin"] = TestFiles.Png("bulletin.png"),
        });
        Assert.EndsWith("/recapitulatif", review.Url, StringComparison.Ordinal);
        return review;
    }
}
