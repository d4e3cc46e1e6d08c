using EServices.Tests.Infrastructure;

namespace EServices.Tests.Security;

/// <summary>ASVS V2.5.5: the owner is told by e-mail when their password changes (the portal has no e-mail change page).</summary>
[Collection(WebCollection.Name)]
public sealed class AccountsNotificationTests(HostFixture host)
{
    [Fact]
    public async Task A_password_reset_is_reported_to_the_owner_by_email()
    {
        using var session = host.NewSession();
        var user = await TestUsers.SignUpAsync(session, "Mariam", "Sawadogo");
        await session.SubmitAsync(await session.GetAsync("/"), "Se déconnecter");
        await session.SubmitAsync(await session.GetAsync("/compte/mot-de-passe-oublie"), "Recevoir le lien", [("Email", user.Email)]);
        var link = await host.Mailbox.WaitForAsync(user.Email, "Réinitialisation de votre mot de passe");
        Assert.DoesNotContain(host.Mailbox.To(user.Email), m => m.Subject == "Votre mot de passe a été changé");

        var reset = await session.GetAsync(new Uri(AccountsPasswordTests.ResetLink().Match(link.TextBody ?? "").Value).PathAndQuery);
        await session.SubmitAsync(reset, "Enregistrer le mot de passe", [("Password", "une toute nouvelle phrase"), ("ConfirmPassword", "une toute nouvelle phrase")]);

        var warning = await host.Mailbox.WaitForAsync(user.Email, "Votre mot de passe a été changé");
        Assert.Contains("Bonjour Mariam,", warning.TextBody, StringComparison.Ordinal);
        Assert.Contains("a été changé le 26/03/2027 à 10:", warning.TextBody, StringComparison.Ordinal);
        Assert.Contains("Si ce n'est pas vous, choisissez tout de suite un nouveau mot de passe", warning.TextBody, StringComparison.Ordinal);
        Assert.Contains("/compte/mot-de-passe-oublie", warning.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_invited_agent_choosing_a_first_password_gets_no_change_warning()
    {
        var (email, message) = await TestStaff.InviteAgentAsync(host);

        using var agent = host.NewSession();
        var set = await agent.GetAsync(new Uri(AccountsPasswordTests.ResetLink().Match(message.TextBody ?? "").Value).PathAndQuery);
        var done = await agent.SubmitAsync(set, "Enregistrer le mot de passe", [("Password", TestUsers.Password), ("ConfirmPassword", TestUsers.Password)]);
        Assert.Contains("Votre mot de passe est changé", done.Text, StringComparison.Ordinal);

        // The outbox is polled every 200 ms in tests: a warning would have left by now.
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.DoesNotContain(host.Mailbox.To(email), m => m.Subject == "Votre mot de passe a été changé");
    }
}
