using System.Net;
using System.Text.RegularExpressions;
using EServices.Tests.Infrastructure;
using EServices.Web.Features.Accounts;

namespace EServices.Tests.Features.Admin;

[Collection(WebCollection.Name)]
public sealed partial class AdminTests(HostFixture host)
{
    [Fact]
    public async Task Only_administrators_open_the_administration()
    {
        using var agent = host.NewSession();
        await TestStaff.SignInAsync(host, agent, Roles.Supervisor, "DGFP");
        var refused = await agent.GetAsync("/admin/agents", follow: false);
        Assert.Contains("/compte/acces-refuse", refused.Location, StringComparison.Ordinal);

        using var admin = host.NewSession();
        await TestStaff.SignInAsync(host, admin, Roles.Admin, null, "Salif", "Compaoré");
        var home = await admin.GetAsync("/admin");
        Assert.Equal(HttpStatusCode.OK, home.Status);
        Assert.Contains("Administration", home.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Services_and_categories_are_edited_with_french_errors_next_to_the_fields()
    {
        using var admin = host.NewSession();
        await TestStaff.SignInAsync(host, admin, Roles.Admin, null, "Salif", "Compaoré");
        var form = await admin.ClickAsync(await admin.GetAsync("/admin/services"), "Ajouter un service");
        var bad = await admin.SubmitAsync(form, "Enregistrer", [("Name", "Direction de la protection sociale"), ("Code", "dps"), ("NumberPrefix", "FP"), ("SignatoryName", ""), ("SignatoryTitle", "Le Directeur")]);
        Assert.Equal(HttpStatusCode.BadRequest, bad.Status);
        Assert.StartsWith("Le sigle s'écrit en 2 à 10 lettres majuscules", bad.ErrorFor("Code"), StringComparison.Ordinal);
        Assert.Equal("Saisissez le nom du signataire des documents.", bad.ErrorFor("SignatoryName"));
        Assert.Equal("Direction de la protection sociale", bad.ValueOf("Name"));

        var code = "S" + new string(Guid.NewGuid().ToString("N").Where(char.IsLetter).Take(6).ToArray()).ToUpperInvariant(); // unique, letters only
        var taken = await admin.SubmitAsync(bad, "Enregistrer", [("Code", code), ("SignatoryName", "Fatimata Ouattara")]);
        Assert.Equal(HttpStatusCode.BadRequest, taken.Status);
        Assert.StartsWith("Un autre service utilise déjà ce préfixe", taken.ErrorFor("NumberPrefix"), StringComparison.Ordinal);

        var saved = await admin.SubmitAsync(taken, "Enregistrer", [("NumberPrefix", code[..4])]);
        Assert.Contains($"Service {code} enregistré.", saved.Text, StringComparison.Ordinal);
        Assert.Contains("Fatimata Ouattara, Le Directeur", saved.Text, StringComparison.Ordinal);

        var category = await admin.ClickAsync(await admin.GetAsync("/admin/categories"), "Ajouter une catégorie");
        var slug = $"protection-{Guid.NewGuid():N}"[..20];
        var created = await admin.SubmitAsync(category, "Enregistrer", [("Name", "Protection sociale"), ("Slug", slug), ("Description", "Les démarches de la protection sociale."), ("Position", "9")]);
        Assert.Contains("Catégorie « Protection sociale » enregistrée.", created.Text, StringComparison.Ordinal);
        Assert.Contains("Protection sociale", (await host.NewSession().GetAsync("/")).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_invited_agent_sets_a_password_from_the_email_then_must_enrol_a_second_factor()
    {
        using var admin = host.NewSession();
        await TestStaff.SignInAsync(host, admin, Roles.Admin, null, "Salif", "Compaoré");
        var email = $"invite-{Guid.NewGuid():N}@fonctionpublique.gov.bf";
        var form = await admin.ClickAsync(await admin.GetAsync("/admin/agents"), "Inviter un agent");
        var missing = await admin.SubmitAsync(form, "Envoyer l'invitation", [("Email", email), ("LastName", "Sanou"), ("FirstNames", "Mamadou"), ("Role", "agent")]);
        Assert.Equal(HttpStatusCode.BadRequest, missing.Status);
        Assert.StartsWith("Cochez au moins un service", missing.Html.QuerySelector("#Services-erreur")!.TextContent, StringComparison.Ordinal);

        var dgt = missing.Html.QuerySelectorAll("input[name=Services]").Single(i => i.ParentElement!.TextContent.Contains("DGT", StringComparison.Ordinal)).GetAttribute("value")!;
        var invited = await admin.SubmitAsync(missing, "Envoyer l'invitation", [("Services", dgt)]);
        Assert.Contains($"Invitation envoyée à {email}.", invited.Text, StringComparison.Ordinal);
        Assert.Contains("Mamadou SANOU", invited.Text, StringComparison.Ordinal);

        var message = await host.Mailbox.WaitForAsync(email, "Invitation au back-office");
        using var agent = host.NewSession();
        var set = await agent.GetAsync(new Uri(InvitationLink().Match(message.TextBody ?? "").Value).PathAndQuery);
        var done = await agent.SubmitAsync(set, "Enregistrer le mot de passe", [("Password", TestUsers.Password), ("ConfirmPassword", TestUsers.Password)]);
        var enrol = await agent.SubmitAsync(done, "Se connecter", [("Email", email), ("Password", TestUsers.Password)]);
        Assert.Equal("/compte/double-authentification", enrol.Url);
    }

    [Fact]
    public async Task A_deactivated_agent_cannot_sign_in_and_is_let_back_in_once_reactivated()
    {
        using var agent = host.NewSession();
        var user = await TestStaff.SignInAsync(host, agent, Roles.Agent, "DGT", "Boukary", $"Zongo{Guid.NewGuid():N}"[..11]);
        using var admin = host.NewSession();
        await TestStaff.SignInAsync(host, admin, Roles.Admin, null, "Salif", "Compaoré");
        var list = await admin.GetAsync("/admin/agents");
        var account = await admin.ClickAsync(list, $"Boukary {user.LastName.ToUpperInvariant()}");
        var deactivated = await admin.SubmitAsync(account, "Désactiver le compte");
        Assert.Contains($"Le compte de {user.Email} est désactivé", deactivated.Text, StringComparison.Ordinal);

        using var again = host.NewSession();
        var refused = await again.SubmitAsync(await again.GetAsync("/compte/connexion"), "Se connecter", [("Email", user.Email), ("Password", user.Password)]);
        Assert.Equal("Ce compte est désactivé. Adressez-vous à l'administrateur du portail.", refused.ErrorFor("Password"));
        // Only the right password learns that the account is deactivated: a wrong one reads as any refused sign-in.
        var guessed = await again.SubmitAsync(refused, "Se connecter", [("Email", user.Email), ("Password", "un mot de passe deviné")]);
        Assert.Equal(AccountController.SignInRefused, guessed.ErrorFor("Password"));

        var back = await admin.SubmitAsync(await admin.ClickAsync(await admin.GetAsync("/admin/agents"), $"Boukary {user.LastName.ToUpperInvariant()}"), "Réactiver le compte");
        Assert.Contains("est réactivé", back.Text, StringComparison.Ordinal);
        var code = await again.SubmitAsync(await again.GetAsync("/compte/connexion"), "Se connecter", [("Email", user.Email), ("Password", user.Password)]);
        Assert.StartsWith("/compte/connexion/code", code.Url, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"https?://\S+/compte/reinitialiser\?\S+")]
    private static partial Regex InvitationLink();
}
