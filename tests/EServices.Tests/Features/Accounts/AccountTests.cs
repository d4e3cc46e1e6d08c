using System.Net;
using System.Text.RegularExpressions;
using EServices.Tests.Infrastructure;
using EServices.Web.Features.Accounts;

namespace EServices.Tests.Features.Accounts;

[Collection(WebCollection.Name)]
public sealed partial class AccountTests(HostFixture host)
{
    [Fact]
    public async Task Sign_up_errors_are_in_french_next_to_each_field_and_keep_what_was_typed()
    {
        using var session = host.NewSession();
        var form = await session.GetAsync("/compte/inscription");
        var page = await session.SubmitAsync(form, "Créer mon compte",
            [("LastName", "Kaboré"), ("FirstNames", ""), ("Email", "pas-une-adresse"), ("Phone", "+33 6 12 34 56 78"), ("Password", "court"), ("ConfirmPassword", "autre")]);

        Assert.Equal(HttpStatusCode.BadRequest, page.Status);
        Assert.Equal("Saisissez vos prénoms.", page.ErrorFor("FirstNames"));
        Assert.Equal("Saisissez une adresse e-mail valide (ex. nom@exemple.bf).", page.ErrorFor("Email"));
        Assert.Contains("+226 suivi de 8 chiffres", page.ErrorFor("Phone"), StringComparison.Ordinal);
        Assert.Equal("Le mot de passe doit contenir au moins 12 caractères.", page.ErrorFor("Password"));
        Assert.Equal("Les deux mots de passe ne sont pas identiques.", page.ErrorFor("ConfirmPassword"));
        Assert.Equal("Kaboré", page.ValueOf("LastName"));
        Assert.Equal("pas-une-adresse", page.ValueOf("Email"));
    }

    [Fact]
    public async Task A_name_with_a_control_or_direction_override_character_is_refused_beside_its_field()
    {
        using var session = host.NewSession();
        var form = await session.GetAsync("/compte/inscription");
        var page = await session.SubmitAsync(form, "Créer mon compte",
            [("LastName", "Kabo\u202Eré"), ("FirstNames", "Issa\u0007"), ("Phone", "76000000"), ("Password", TestUsers.Password), ("ConfirmPassword", TestUsers.Password)]);

        Assert.Equal(HttpStatusCode.BadRequest, page.Status);
        Assert.Equal("Votre nom contient des caractères non autorisés.", page.ErrorFor("LastName"));
        Assert.Equal("Vos prénoms contiennent des caractères non autorisés.", page.ErrorFor("FirstNames"));
    }

    [Fact]
    public async Task An_address_can_hold_only_one_account()
    {
        using var first = host.NewSession();
        var user = await TestUsers.SignUpAsync(first);
        using var second = host.NewSession();
        var form = await second.GetAsync("/compte/inscription");
        var page = await second.SubmitAsync(form, "Créer mon compte",
            [("LastName", "Zongo"), ("FirstNames", "Issa"), ("Email", user.Email.ToUpperInvariant()), ("Phone", "76000000"), ("Password", TestUsers.Password), ("ConfirmPassword", TestUsers.Password)]);

        // The page does not tell (see AccountsSignUpActivationTests); the owner is warned and no second account appears.
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("Vérifiez votre messagerie", page.Text, StringComparison.Ordinal);
        await host.Mailbox.WaitForAsync(user.Email, "Tentative de création d'un compte avec votre adresse");
        Assert.Equal(1L, await host.ScalarAsync("SELECT count(*) FROM \"AspNetUsers\" WHERE normalized_email = upper(@e)", ("e", user.Email)));
        Assert.Single(host.Mailbox.To(user.Email), m => m.Subject == TestUsers.ActivationSubject);
    }

    [Fact]
    public async Task Sign_in_and_sign_out()
    {
        using var session = host.NewSession();
        var user = await TestUsers.SignUpAsync(session);
        var signedOut = await session.SubmitAsync(await session.GetAsync("/"), "Se déconnecter");
        Assert.Contains("Vous êtes déconnecté.", signedOut.Text, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await session.GetAsync("/mes-demandes", follow: false)).Status);

        var login = await session.GetAsync("/compte/connexion?returnUrl=/mes-demandes");
        var wrong = await session.SubmitAsync(login, "Se connecter", [("Email", user.Email), ("Password", "ce n'est pas le bon")]);
        Assert.Equal(HttpStatusCode.BadRequest, wrong.Status);
        Assert.Equal(AccountController.SignInRefused, wrong.ErrorFor("Password"));
        Assert.Equal(user.Email, wrong.ValueOf("Email"));

        var mine = await session.SubmitAsync(wrong, "Se connecter", [("Password", user.Password)]);
        Assert.Equal(HttpStatusCode.OK, mine.Status);
        Assert.Equal("Mes demandes", mine.Html.QuerySelector("h1")!.TextContent);
    }

    [Fact]
    public async Task A_sign_in_page_never_redirects_to_another_site()
    {
        using var session = host.NewSession();
        var user = await TestUsers.SignUpAsync(session);
        await session.SubmitAsync(await session.GetAsync("/"), "Se déconnecter");
        var login = await session.GetAsync("/compte/connexion?returnUrl=https://pirate.example/");
        var result = await session.SubmitAsync(login, "Se connecter", [("Email", user.Email), ("Password", user.Password)], follow: false);
        Assert.Equal("/mes-demandes", result.Location);
    }

    [Fact]
    public async Task A_forgotten_password_is_reset_through_a_link_sent_by_email()
    {
        using var session = host.NewSession();
        var user = await TestUsers.SignUpAsync(session);
        await session.SubmitAsync(await session.GetAsync("/"), "Se déconnecter");

        var forgot = await session.GetAsync("/compte/mot-de-passe-oublie");
        var sent = await session.SubmitAsync(forgot, "Recevoir le lien", [("Email", user.Email)]);
        Assert.Contains("Consultez votre messagerie", sent.Text, StringComparison.Ordinal);

        var unknown = await session.SubmitAsync(forgot, "Recevoir le lien", [("Email", "personne@exemple.bf")]);
        Assert.Contains("Si un compte existe avec cette adresse", unknown.Text, StringComparison.Ordinal);

        var email = await host.Mailbox.WaitForAsync(user.Email, "Réinitialisation de votre mot de passe");
        var link = ResetLink().Match(email.TextBody ?? "").Value;
        var reset = await session.GetAsync(new Uri(link).PathAndQuery);

        var mismatch = await session.SubmitAsync(reset, "Enregistrer le mot de passe", [("Password", "nouvelle phrase de passe"), ("ConfirmPassword", "autre chose")]);
        Assert.Equal("Les deux mots de passe ne sont pas identiques.", mismatch.ErrorFor("ConfirmPassword"));

        var done = await session.SubmitAsync(mismatch, "Enregistrer le mot de passe", [("Password", "nouvelle phrase de passe"), ("ConfirmPassword", "nouvelle phrase de passe")]);
        Assert.Contains("Votre mot de passe est changé", done.Text, StringComparison.Ordinal);

        var mine = await session.SubmitAsync(done, "Se connecter", [("Email", user.Email), ("Password", "nouvelle phrase de passe")]);
        Assert.Equal("Mes demandes", mine.Html.QuerySelector("h1")!.TextContent);

        // The link works once: the password change invalidated it.
        var again = await session.GetAsync(new Uri(link).PathAndQuery);
        var reused = await session.SubmitAsync(again, "Enregistrer le mot de passe", [("Password", "encore une autre phrase"), ("ConfirmPassword", "encore une autre phrase")]);
        Assert.StartsWith("Ce lien n'est plus valable", reused.ErrorFor("Password"), StringComparison.Ordinal);
    }

    [GeneratedRegex(@"https?://\S+/compte/reinitialiser\?\S+")]
    private static partial Regex ResetLink();
}
