using System.Net;
using System.Text.RegularExpressions;
using EServices.Tests.Infrastructure;
using EServices.Web.Features.Accounts;

namespace EServices.Tests.Security;

/// <summary>ASVS V2.1: passwords of 12 characters or more, none of the common ones, and a lockout after 5 failures.</summary>
[Collection(WebCollection.Name)]
public sealed partial class AccountsPasswordTests(HostFixture host)
{
    private const string TooCommon = "Ce mot de passe est trop courant : il fait partie des premiers essayés par les pirates. Choisissez-en un autre, par exemple une phrase de plusieurs mots.";

    [Theory]
    [InlineData("motdepasse123")]
    [InlineData("BurkinaFaso123")]
    [InlineData("ouagadougou1")]
    [InlineData("qwertyuiop123")]
    public async Task Sign_up_refuses_a_common_password_next_to_the_field(string password)
    {
        using var session = host.NewSession();
        var form = await session.GetAsync("/compte/inscription");
        var page = await session.SubmitAsync(form, "Créer mon compte",
        [
            ("LastName", "Ouédraogo"), ("FirstNames", "Awa"), ("Email", $"commun-{Guid.NewGuid():N}@exemple.bf"), ("Phone", "70 12 34 56"),
            ("Password", password), ("ConfirmPassword", password),
        ]);

        Assert.Equal(HttpStatusCode.BadRequest, page.Status);
        Assert.Equal(TooCommon, page.ErrorFor("Password"));
        Assert.Contains(TooCommon, page.SummaryErrors);
    }

    [Fact]
    public void The_shipped_list_holds_a_few_thousand_long_passwords_and_not_the_passphrases_of_the_tests()
    {
        Assert.True(CommonPasswordValidator.IsCommon("PASSWORD1234"));
        Assert.True(CommonPasswordValidator.IsCommon("azertyuiop123"));
        Assert.False(CommonPasswordValidator.IsCommon(TestUsers.Password));
        Assert.False(CommonPasswordValidator.IsCommon("Demo-EServices-2026"));
    }

    [Fact]
    public async Task A_reset_refuses_a_common_password()
    {
        using var session = host.NewSession();
        var user = await TestUsers.SignUpAsync(session);
        await session.SubmitAsync(await session.GetAsync("/"), "Se déconnecter");
        await session.SubmitAsync(await session.GetAsync("/compte/mot-de-passe-oublie"), "Recevoir le lien", [("Email", user.Email)]);
        var email = await host.Mailbox.WaitForAsync(user.Email, "Réinitialisation de votre mot de passe");
        var reset = await session.GetAsync(new Uri(ResetLink().Match(email.TextBody ?? "").Value).PathAndQuery);

        var refused = await session.SubmitAsync(reset, "Enregistrer le mot de passe", [("Password", "Motdepasse2026"), ("ConfirmPassword", "Motdepasse2026")]);

        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.Equal(TooCommon, refused.ErrorFor("Password"));
        var login = await session.SubmitAsync(await session.GetAsync("/compte/connexion"), "Se connecter", [("Email", user.Email), ("Password", "Motdepasse2026")]);
        Assert.Equal(AccountController.SignInRefused, login.ErrorFor("Password"));
    }

    [Fact]
    public async Task An_invited_agent_cannot_choose_a_common_password()
    {
        var (email, message) = await TestStaff.InviteAgentAsync(host);

        using var agent = host.NewSession();
        var set = await agent.GetAsync(new Uri(ResetLink().Match(message.TextBody ?? "").Value).PathAndQuery);
        var refused = await agent.SubmitAsync(set, "Enregistrer le mot de passe", [("Password", "fonctionpublique2026"), ("ConfirmPassword", "fonctionpublique2026")]);

        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.Equal(TooCommon, refused.ErrorFor("Password"));
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_for_15_minutes_even_against_the_right_one()
    {
        using var session = host.NewSession();
        var user = await TestUsers.SignUpAsync(session);
        await session.SubmitAsync(await session.GetAsync("/"), "Se déconnecter");
        var page = await session.GetAsync("/compte/connexion");
        for (var attempt = 1; attempt <= 4; attempt++)
        {
            page = await session.SubmitAsync(page, "Se connecter", [("Email", user.Email), ("Password", $"mauvais mot de passe {attempt}")]);
            Assert.Equal(AccountController.SignInRefused, page.ErrorFor("Password"));
        }

        // The page says the same as for a wrong password or an unknown address (a lockout message told that the account
        // exists); the owner learns of the lockout by e-mail, once.
        var fifth = await session.SubmitAsync(page, "Se connecter", [("Email", user.Email), ("Password", "mauvais mot de passe 5")]);
        Assert.Equal(HttpStatusCode.BadRequest, fifth.Status);
        Assert.Equal(AccountController.SignInRefused, fifth.ErrorFor("Password"));
        var warning = await host.Mailbox.WaitForAsync(user.Email, "Votre compte est bloqué pendant 15 minutes");
        Assert.Contains("/compte/mot-de-passe-oublie", warning.TextBody, StringComparison.Ordinal);

        var right = await session.SubmitAsync(fifth, "Se connecter", [("Email", user.Email), ("Password", user.Password)]);
        Assert.Equal(AccountController.SignInRefused, right.ErrorFor("Password"));
        Assert.Equal(HttpStatusCode.Redirect, (await session.GetAsync("/mes-demandes", follow: false)).Status);

        using var stranger = host.NewSession();
        var unknown = await stranger.SubmitAsync(await stranger.GetAsync("/compte/connexion"), "Se connecter",
            [("Email", $"personne-{Guid.NewGuid():N}@exemple.bf"), ("Password", "mauvais mot de passe 6")]);
        Assert.Equal(fifth.ErrorFor("Password"), unknown.ErrorFor("Password"));
        Assert.Equal(1L, await host.ScalarAsync("SELECT count(*) FROM outbox_emails WHERE \"to\" = @to AND subject = 'Votre compte est bloqué pendant 15 minutes'", ("to", user.Email)));
    }

    [GeneratedRegex(@"https?://\S+/compte/reinitialiser\?\S+")]
    internal static partial Regex ResetLink();
}
