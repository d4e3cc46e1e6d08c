using EServices.Web.Infrastructure.Sms;
using System.Net;
using System.Text.RegularExpressions;
using EServices.Tests.Infrastructure;
using EServices.Web.Features.Accounts;
using Microsoft.Extensions.DependencyInjection;

namespace EServices.Tests.Features.Accounts;

/// <summary>Issue 16: accounts known by a phone number, its codes sent by SMS (read from the outbox: no gateway here).</summary>
[Collection(WebCollection.Name)]
public sealed partial class AccountsByPhoneTests(HostFixture host)
{
    private static readonly (string, string)[] NoEmail = [("LastName", "Sawadogo"), ("FirstNames", "Rasmata"), ("Email", ""), ("Password", TestUsers.Password), ("ConfirmPassword", TestUsers.Password)];

    [Fact]
    public async Task A_phone_alone_makes_an_account_that_signs_in_with_every_form_of_its_number()
    {
        using var session = host.NewSession();
        var (phone, password) = await TestUsers.SignUpByPhoneAsync(session);
        var digits = phone[^8..];
        Assert.Equal(true, await host.ScalarAsync(
            "SELECT email IS NULL AND phone_number_confirmed AND notices = 2 FROM \"AspNetUsers\" WHERE user_name = @u", ("u", "+226" + digits)));
        // Only the hash of the code is kept.
        var code = TestUsers.CodeIn((await TestSms.LastToAsync(host, phone)).Text);
        Assert.Equal(0L, await host.ScalarAsync("SELECT count(*) FROM phone_codes WHERE code_hash LIKE '%' || @c || '%'", ("c", code)));

        foreach (var typed in new[] { "+226" + digits, $"00226 {digits[..2]} {digits[2..4]} {digits[4..6]} {digits[6..]}", $"{digits[..2]}.{digits[2..4]}.{digits[4..6]}.{digits[6..]}", " " + digits + " " })
        {
            await session.SubmitAsync(await session.GetAsync("/"), "Se déconnecter");
            var login = await session.GetAsync("/compte/connexion");
            Assert.Contains(Identifiers.Label, login.Text, StringComparison.Ordinal);
            var mine = await session.SubmitAsync(login, "Se connecter", [("Email", typed), ("Password", password)]);
            Assert.Equal("Mes demandes", mine.Html.QuerySelector("h1")!.TextContent);
        }

        var wrong = await session.SubmitAsync(await session.GetAsync("/compte/connexion"), "Se connecter", [("Email", "70 12 34"), ("Password", password)]);
        Assert.Equal(HttpStatusCode.BadRequest, wrong.Status);
        Assert.Equal(Identifiers.Invalid, wrong.ErrorFor("Email"));
        Assert.Equal("70 12 34", wrong.ValueOf("Email"));
    }

    [Fact]
    public async Task Nothing_is_stored_before_the_code_five_wrong_tries_spend_it_and_a_new_code_works()
    {
        using var session = host.NewSession();
        var phone = TestSms.NewPhone();
        var page = await session.SubmitAsync(await session.GetAsync("/compte/inscription"), "Créer mon compte", [.. NoEmail, ("Phone", phone)]);
        Assert.Equal("Saisissez le code reçu par SMS", page.Html.QuerySelector("h1")!.TextContent);
        Assert.Equal(0L, await host.ScalarAsync("SELECT count(*) FROM \"AspNetUsers\" WHERE user_name = @u", ("u", phone.Replace(" ", ""))));
        var code = TestUsers.CodeIn((await TestSms.LastToAsync(host, phone)).Text);
        var wrong = code == "000000" ? "111111" : "000000";
        for (var attempt = 1; attempt <= 4; attempt++)
        {
            page = await session.SubmitAsync(page, "Valider le code", [("Code", wrong)]);
            Assert.Equal(PhoneCodes.WrongCode, page.ErrorFor("Code"));
        }

        page = await session.SubmitAsync(page, "Valider le code", [("Code", wrong)]);
        Assert.Equal(PhoneCodes.SpentCode, page.ErrorFor("Code"));
        page = await session.SubmitAsync(page, "Valider le code", [("Code", code)]);
        Assert.Equal(PhoneCodes.SpentCode, page.ErrorFor("Code"));

        page = await session.SubmitAsync(page, "Renvoyer le code");
        Assert.Contains("Un nouveau code vient d'être envoyé.", page.Text, StringComparison.Ordinal);
        var fresh = TestUsers.CodeIn((await TestSms.LastToAsync(host, phone)).Text);
        var created = await session.SubmitAsync(page, "Valider le code", [("Code", fresh[..3] + " " + fresh[3..])]);
        Assert.Contains("Votre compte est créé", created.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_code_older_than_ten_minutes_is_refused()
    {
        using var session = host.NewSession();
        var phone = TestSms.NewPhone();
        var page = await session.SubmitAsync(await session.GetAsync("/compte/inscription"), "Créer mon compte", [.. NoEmail, ("Phone", phone)]);
        var code = TestUsers.CodeIn((await TestSms.LastToAsync(host, phone)).Text);
        var clock = (ShiftedClock)host.Services.GetRequiredService<TimeProvider>();
        clock.Advance(TimeSpan.FromMinutes(11));
        try
        {
            page = await session.SubmitAsync(page, "Valider le code", [("Code", code)]);
        }
        finally
        {
            clock.Advance(-TimeSpan.FromMinutes(11));
        }

        Assert.Equal(HttpStatusCode.BadRequest, page.Status);
        Assert.Equal(PhoneCodes.SpentCode, page.ErrorFor("Code"));
    }

    [Fact]
    public async Task Signing_up_with_a_number_that_has_an_account_answers_alike_and_warns_its_owner()
    {
        using var first = host.NewSession();
        var (taken, _) = await TestUsers.SignUpByPhoneAsync(first);
        var fresh = TestSms.NewPhone();
        using var session = host.NewSession();
        var form = await session.GetAsync("/compte/inscription");
        var toTaken = await session.SubmitAsync(form, "Créer mon compte", [.. NoEmail, ("Phone", taken)]);
        var toFresh = await session.SubmitAsync(form, "Créer mon compte", [.. NoEmail, ("Phone", fresh)]);

        Assert.Equal(Comparable(toFresh, fresh), Comparable(toTaken, taken));
        Assert.Contains("quelqu'un a tenté de créer un compte avec votre numéro", (await TestSms.LastToAsync(host, taken)).Text, StringComparison.Ordinal);
        Assert.Single(await TestSms.ToAsync(host, fresh));

        // A code for another purpose (a password reset of that number) does not create the account.
        var forgot = await session.SubmitAsync(await session.GetAsync("/compte/mot-de-passe-oublie"), "Recevoir le lien ou le code", [("Email", taken)]);
        Assert.Equal("Saisissez le code reçu par SMS", forgot.Html.QuerySelector("h1")!.TextContent);
        var resetCode = TestUsers.CodeIn((await TestSms.LastToAsync(host, taken)).Text);
        var refused = await session.SubmitAsync(toTaken, "Valider le code", [("Code", resetCode)]);
        Assert.Equal(PhoneCodes.WrongCode, refused.ErrorFor("Code"));
        Assert.Equal(1L, await host.ScalarAsync("SELECT count(*) FROM \"AspNetUsers\" WHERE phone_number = @p", ("p", Canonical(taken))));
    }

    [Fact]
    public async Task A_forgotten_password_is_reset_by_an_sms_code_once_and_signs_out_every_session()
    {
        using var session = host.NewSession();
        var (phone, _) = await TestUsers.SignUpByPhoneAsync(session);
        using var stranger = host.NewSession();
        var unknown = TestSms.NewPhone();
        var forgot = await stranger.GetAsync("/compte/mot-de-passe-oublie");
        var forKnown = await stranger.SubmitAsync(forgot, "Recevoir le lien ou le code", [("Email", "00226" + phone[^8..])]);
        var forUnknown = await stranger.SubmitAsync(forgot, "Recevoir le lien ou le code", [("Email", unknown)]);
        Assert.Equal(Comparable(forUnknown, unknown), Comparable(forKnown, phone));
        Assert.Empty(await TestSms.ToAsync(host, unknown));

        var again = await stranger.SubmitAsync(forKnown, "Renvoyer le code");
        Assert.Equal("Saisissez le code reçu par SMS", again.Html.QuerySelector("h1")!.TextContent);
        var code = TestUsers.CodeIn((await TestSms.LastToAsync(host, phone)).Text);
        var weak = await stranger.SubmitAsync(again, "Valider le code", [("Code", code), ("Password", "court"), ("ConfirmPassword", "court")]);
        Assert.Equal("Le mot de passe doit contenir au moins 12 caractères.", weak.ErrorFor("Password"));
        var done = await stranger.SubmitAsync(weak, "Valider le code", [("Code", code), ("Password", "nouvelle phrase de passe"), ("ConfirmPassword", "nouvelle phrase de passe")]);
        Assert.Contains("Votre mot de passe est changé", done.Text, StringComparison.Ordinal);
        Assert.Contains("mot de passe de votre compte a été changé", (await TestSms.LastToAsync(host, phone)).Text, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await session.GetAsync("/mes-demandes", follow: false)).Status);

        var reused = await stranger.SubmitAsync(forKnown, "Valider le code", [("Code", code), ("Password", "encore une autre phrase"), ("ConfirmPassword", "encore une autre phrase")]);
        Assert.Equal(PhoneCodes.SpentCode, reused.ErrorFor("Code"));
        var mine = await stranger.SubmitAsync(done, "Se connecter", [("Email", phone), ("Password", "nouvelle phrase de passe")]);
        Assert.Equal("Mes demandes", mine.Html.QuerySelector("h1")!.TextContent);
    }

    [Fact]
    public async Task Codes_to_one_number_are_limited_whatever_its_written_form()
    {
        using var session = host.NewSession();
        var phone = TestSms.NewPhone();
        var d = phone[^8..];
        var clock = (ShiftedClock)host.Services.GetRequiredService<TimeProvider>();
        var moved = TimeSpan.Zero;
        try
        {
            for (var sent = 1; sent <= 10; sent++)
            {
                var form = sent % 3 == 0 ? "+226" + d : sent % 3 == 1 ? "00226" + d : $"{d[..2]}.{d[2..4]}.{d[4..6]}.{d[6..]}";
                var page = await session.SubmitAsync(await session.GetAsync("/compte/inscription"), "Créer mon compte", [.. NoEmail, ("Phone", form)]);
                Assert.Equal(HttpStatusCode.OK, page.Status);
                if (sent % 3 == 0)
                {
                    AssertTooManyCodes(await session.SubmitAsync(await session.GetAsync("/compte/inscription"), "Créer mon compte", [.. NoEmail, ("Phone", "+226 " + d)]));
                    clock.Advance(TimeSpan.FromMinutes(16));
                    moved += TimeSpan.FromMinutes(16);
                }
            }

            // Ten a day: the quarter hour has passed, the day has not.
            AssertTooManyCodes(await session.SubmitAsync(await session.GetAsync("/mot-de-passe-oublie".Insert(0, "/compte")), "Recevoir le lien ou le code", [("Email", "+226" + d)]));
        }
        finally
        {
            clock.Advance(-moved);
        }

        Assert.Equal(10, (await TestSms.ToAsync(host, phone)).Count);
    }

    [Fact]
    public async Task Changing_ones_number_confirms_the_new_one_and_tells_the_old_one()
    {
        using var session = host.NewSession();
        var (old, password) = await TestUsers.SignUpByPhoneAsync(session);
        var page = await session.ClickAsync(await session.GetAsync("/mes-demandes"), "Mon compte");
        Assert.Equal("Mes coordonnées", page.Html.QuerySelector("h1")!.TextContent);
        Assert.Empty(page.Html.QuerySelectorAll("input[name=Notices]")); // only SMS: nothing to choose

        var bad = await session.SubmitAsync(page, "Recevoir le code", [("NewPhone", "+33 6 12 34 56 78"), ("Password", password)]);
        Assert.Contains("+226 suivi de 8 chiffres", bad.ErrorFor("NewPhone"), StringComparison.Ordinal);
        Assert.Equal("+33 6 12 34 56 78", bad.ValueOf("NewPhone"));
        var wrongPassword = await session.SubmitAsync(bad, "Recevoir le code", [("NewPhone", "70 00 00 01"), ("Password", "pas le mien du tout")]);
        Assert.Equal("Ce n'est pas votre mot de passe actuel.", wrongPassword.ErrorFor("Password"));

        using var other = host.NewSession();
        var (taken, _) = await TestUsers.SignUpByPhoneAsync(other);
        var fresh = TestSms.NewPhone();
        var toTaken = await session.SubmitAsync(page, "Recevoir le code", [("NewPhone", taken), ("Password", password)]);
        var toFresh = await session.SubmitAsync(page, "Recevoir le code", [("NewPhone", fresh), ("Password", password)]);
        Assert.Equal(Comparable(toFresh, fresh), Comparable(toTaken, taken));
        Assert.Contains("quelqu'un a tenté d'enregistrer votre numéro", (await TestSms.LastToAsync(host, taken)).Text, StringComparison.Ordinal);

        var first = TestUsers.CodeIn((await TestSms.LastToAsync(host, fresh)).Text);
        var resent = await session.SubmitAsync(toFresh, "Renvoyer le code");
        Assert.Contains("Un nouveau code vient d'être envoyé.", resent.Text, StringComparison.Ordinal);
        Assert.Equal(2, (await TestSms.ToAsync(host, fresh)).Count);
        var code = TestUsers.CodeIn((await TestSms.LastToAsync(host, fresh)).Text);
        if (code != first)
        {
            // Only the newest code counts.
            Assert.Equal(PhoneCodes.WrongCode, (await session.SubmitAsync(resent, "Valider le code", [("Code", first)])).ErrorFor("Code"));
        }

        var done = await session.SubmitAsync(resent, "Valider le code", [("Code", code)]);
        Assert.Contains($"Votre numéro est maintenant le {Canonical(fresh)}.", done.Text, StringComparison.Ordinal);
        Assert.Contains("le numéro de votre compte a été remplacé", (await TestSms.LastToAsync(host, old)).Text, StringComparison.Ordinal);

        await session.SubmitAsync(await session.GetAsync("/"), "Se déconnecter");
        var refused = await session.SubmitAsync(await session.GetAsync("/compte/connexion"), "Se connecter", [("Email", old), ("Password", password)]);
        Assert.Equal(AccountController.SignInRefused, refused.ErrorFor("Password"));
        var mine = await session.SubmitAsync(refused, "Se connecter", [("Email", fresh), ("Password", password)]);
        Assert.Equal("Mes demandes", mine.Html.QuerySelector("h1")!.TextContent);
    }

    [Fact]
    public async Task Odd_input_gets_french_messages_and_never_a_server_error()
    {
        using var session = host.NewSession();
        var form = await session.GetAsync("/compte/inscription");
        var page = await session.SubmitAsync(form, "Créer mon compte", [.. NoEmail, ("Phone", "70 12 34")]);
        Assert.Equal(HttpStatusCode.BadRequest, page.Status);
        Assert.Contains("+226 suivi de 8 chiffres", page.ErrorFor("Phone"), StringComparison.Ordinal);
        Assert.Equal("70 12 34", page.ValueOf("Phone"));
        Assert.Equal("Sawadogo", page.ValueOf("LastName"));
        var none = await session.SubmitAsync(form, "Créer mon compte", [.. NoEmail, ("Phone", "")]);
        Assert.StartsWith("Saisissez votre numéro de téléphone", none.ErrorFor("Phone"), StringComparison.Ordinal);

        var long200 = new string('7', 200);
        foreach (var (url, button, field) in new[] { ("/compte/inscription", "Créer mon compte", "Phone"), ("/compte/connexion", "Se connecter", "Email"), ("/compte/mot-de-passe-oublie", "Recevoir le lien ou le code", "Email") })
        {
            var odd = await session.SubmitAsync(await session.GetAsync(url), button, [(field, long200), (field, "+226 70 00 00 00"), ("Password", "é")]);
            Assert.Equal(HttpStatusCode.BadRequest, odd.Status);
        }

        var phone = TestSms.NewPhone();
        var code = await session.SubmitAsync(form, "Créer mon compte", [.. NoEmail, ("Phone", phone)]);
        foreach (var typed in new[] { "", "12345", "abcdef", long200, "١٢٣٤٥٦" })
        {
            var refused = await session.SubmitAsync(code, "Valider le code", [("Code", typed)]);
            Assert.Equal(SmsCodePage.CodeMissing, refused.ErrorFor("Code"));
        }

        var forged = await session.SubmitAsync(code, "Valider le code", [("Code", "123456"), ("Jeton", "abc")]);
        Assert.Equal(HttpStatusCode.BadRequest, forged.Status);
        Assert.Contains("Cette inscription a expiré", forged.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sign_in_attempts_for_one_number_are_limited_whatever_its_written_form()
    {
        using var session = host.NewSession();
        var (phone, _) = await TestUsers.SignUpByPhoneAsync(session);
        await session.SubmitAsync(await session.GetAsync("/"), "Se déconnecter");
        var d = phone[^8..];
        string[] forms = ["+226" + d, "00226" + d, $"{d[..2]}.{d[2..4]}.{d[4..6]}.{d[6..]}", $"{d[..2]} {d[2..4]} {d[4..6]} {d[6..]}", "+226 " + d];
        for (var attempt = 0; attempt < 10; attempt++)
        {
            var page = await session.SubmitAsync(await session.GetAsync("/compte/connexion"), "Se connecter", [("Email", forms[attempt % 5]), ("Password", "pas le bon mot de passe")]);
            Assert.Equal(AccountController.SignInRefused, page.ErrorFor("Password"));
        }

        Security.AccountsRateLimitTests.AssertTooManyAttempts(
            await session.SubmitAsync(await session.GetAsync("/compte/connexion"), "Se connecter", [("Email", forms[2]), ("Password", "pas le bon mot de passe")]));
    }

    [Fact]
    public async Task The_pages_of_a_signed_in_account_work_without_an_email_address()
    {
        using var session = host.NewSession();
        await TestUsers.SignUpByPhoneAsync(session, "Issa", "Zongo");
        foreach (var url in new[] { "/mes-demandes", "/mes-donnees", "/compte/coordonnees", "/compte/double-authentification" })
        {
            var page = await session.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, page.Status);
        }

        var (status, content, _) = await session.DownloadAsync("/mes-donnees/export.json");
        Assert.Equal(HttpStatusCode.OK, status);
        var account = System.Text.Json.JsonDocument.Parse(content).RootElement.GetProperty("compte");
        Assert.Equal("Issa", account.GetProperty("prenoms").GetString());
        Assert.False(account.TryGetProperty("email", out var email) && email.ValueKind != System.Text.Json.JsonValueKind.Null);
    }

    [Fact]
    public async Task A_phone_only_account_locked_out_is_told_by_sms()
    {
        using var session = host.NewSession();
        var (phone, _) = await TestUsers.SignUpByPhoneAsync(session);
        await session.SubmitAsync(await session.GetAsync("/"), "Se déconnecter");
        for (var attempt = 1; attempt <= 5; attempt++)
        {
            await session.SubmitAsync(await session.GetAsync("/compte/connexion"), "Se connecter", [("Email", phone), ("Password", "ce n'est pas le bon")]);
        }

        Assert.Contains("votre compte est bloqué 15 minutes", (await TestSms.LastToAsync(host, phone)).Text, StringComparison.Ordinal);
    }

    /// <summary>The page as a person reads it, the antiforgery token, the encrypted sign-up ticket (random on every post)
    /// and the number typed left out.</summary>
    internal static string Comparable(Page page, string phone) =>
        Hidden().Replace(page.Html.DocumentElement.OuterHtml, "$1\"*\"").Replace(Canonical(phone), "NUMERO", StringComparison.Ordinal);

    private static string Canonical(string phone) => FieldRules.TryPhone(phone, out var c) ? c : phone;

    private static void AssertTooManyCodes(Page page)
    {
        Assert.Equal(HttpStatusCode.TooManyRequests, page.Status);
        Assert.Equal("Trop de tentatives", page.Html.QuerySelector("h1")?.TextContent);
    }

    [GeneratedRegex("(name=\"(?:__RequestVerificationToken|Jeton|Phone)\"[^>]*? value=)\"[^\"]*\"")]
    private static partial Regex Hidden();
}
