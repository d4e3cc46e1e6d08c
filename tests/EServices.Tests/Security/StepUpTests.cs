using System.Net;
using EServices.Tests.Features.Filing;
using EServices.Tests.Infrastructure;
using EServices.Web.Features.Accounts;

namespace EServices.Tests.Security;

/// <summary>ASVS V2.8 / V3.7.1 (re-authentication before sensitive actions): a second factor older than 15 minutes is asked
/// again before accepting, rejecting or revoking, and the action then runs with what was typed.</summary>
[Collection(SessionCollection.Name)]
public sealed class StepUpTests(SessionHost host)
{
    private const string Heading = "Confirmez votre identité";

    private async Task<string> FiledAttestationAsync()
    {
        using var applicant = host.NewSession();
        await TestUsers.SignUpAsync(applicant);
        return await AttestationJourney.FileAsync(applicant);
    }

    [Fact]
    public async Task Rejecting_with_a_stale_code_asks_for_a_new_one_then_rejects_with_the_reason_typed()
    {
        var number = await FiledAttestationAsync();
        using var agent = host.NewSession();
        var staff = await TestStaff.SignInAsync(host, agent, Roles.Agent, "DGFP");
        var taken = await agent.SubmitAsync(await agent.GetAsync($"/back-office/demandes/{number}"), "Prendre la demande");
        host.Clock.Advance(TimeSpan.FromMinutes(16));

        var asked = await agent.SubmitAsync(await agent.GetAsync($"/back-office/demandes/{number}"), "Rejeter la demande", [("motif", "Pièce d'identité illisible")]);
        Assert.Equal(HttpStatusCode.OK, asked.Status);
        Assert.Equal(Heading, asked.Html.QuerySelector("h1")!.TextContent);
        Assert.Contains("Pour rejeter la demande, saisissez le code à 6 chiffres", asked.Text, StringComparison.Ordinal);
        Assert.Equal($"/back-office/demandes/{number}", asked.Html.QuerySelectorAll("a").Single(a => a.TextContent == "Annuler et revenir").GetAttribute("href"));
        Assert.Contains("En instruction", (await agent.GetAsync($"/back-office/demandes/{number}")).Text, StringComparison.Ordinal);

        var wrong = await agent.SubmitAsync(asked, "Confirmer", [("CodeConfirmation", "1234567")]);
        Assert.Equal(HttpStatusCode.BadRequest, wrong.Status);
        Assert.Equal("Code incorrect ou expiré. Saisissez le code affiché maintenant par votre application.", wrong.ErrorFor("CodeConfirmation"));
        var empty = await agent.SubmitAsync(wrong, "Confirmer", [("CodeConfirmation", "")]);
        Assert.Equal("Saisissez le code à 6 chiffres affiché par votre application d'authentification.", empty.ErrorFor("CodeConfirmation"));

        var rejected = await agent.SubmitAsync(empty, "Confirmer", [("CodeConfirmation", await Totp.NextAsync(staff.AuthenticatorKey!))]);
        Assert.Equal($"/back-office/demandes/{number}", rejected.Url);
        Assert.Contains($"Demande {number} : rejetée.", rejected.Text, StringComparison.Ordinal);
        Assert.Contains("Pièce d'identité illisible", rejected.Text, StringComparison.Ordinal);
        Assert.NotNull(taken);
    }

    [Fact]
    public async Task A_fresh_code_lets_a_head_of_service_accept_at_once_and_revoking_later_asks_again()
    {
        var number = await FiledAttestationAsync();
        using var chief = host.NewSession();
        var staff = await TestStaff.SignInAsync(host, chief, Roles.Supervisor, "DGFP", "Aminata", "Traoré");
        var taken = await chief.SubmitAsync(await chief.GetAsync($"/back-office/demandes/{number}"), "Prendre la demande");
        host.Clock.Advance(TimeSpan.FromMinutes(14));
        var accepted = await chief.SubmitAsync(taken, "Accepter la demande");
        Assert.Contains($"Demande {number} : acceptée.", accepted.Text, StringComparison.Ordinal);

        host.Clock.Advance(TimeSpan.FromMinutes(16));
        var asked = await chief.SubmitAsync(accepted, "Révoquer le document", [("motif", "Délivré par erreur")]);
        Assert.Equal(Heading, asked.Html.QuerySelector("h1")!.TextContent);
        Assert.Contains("Pour révoquer ce document", asked.Text, StringComparison.Ordinal);

        var revoked = await chief.SubmitAsync(asked, "Confirmer", [("CodeConfirmation", await Totp.NextAsync(staff.AuthenticatorKey!))]);
        Assert.Contains("révoqué : Délivré par erreur", revoked.Text, StringComparison.Ordinal);

        // The check just made counts for the next 15 minutes: no second question.
        host.Clock.Advance(TimeSpan.FromMinutes(10));
        var other = await FiledAttestationAsync();
        var otherTaken = await chief.SubmitAsync(await chief.GetAsync($"/back-office/demandes/{other}"), "Prendre la demande");
        Assert.Contains($"Demande {other} : acceptée.", (await chief.SubmitAsync(otherTaken, "Accepter la demande")).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bulk_acceptance_with_a_stale_code_asks_for_one_but_taking_requests_does_not()
    {
        var number = await FiledAttestationAsync();
        using var agent = host.NewSession();
        var staff = await TestStaff.SignInAsync(host, agent, Roles.Agent, "DGFP");
        host.Clock.Advance(TimeSpan.FromMinutes(16));

        var inbox = await agent.GetAsync($"/back-office?q={number}");
        var taken = await agent.SubmitAsync(inbox, "Appliquer", [("numeros", number), ("operation", "prendre")]);
        Assert.DoesNotContain(Heading, taken.Text, StringComparison.Ordinal);

        var mine = await agent.GetAsync($"/back-office?onglet=mes-dossiers&q={number}");
        var asked = await agent.SubmitAsync(mine, "Appliquer", [("numeros", number), ("operation", "accepter")]);
        Assert.Equal(Heading, asked.Html.QuerySelector("h1")!.TextContent);
        var done = await agent.SubmitAsync(asked, "Confirmer", [("CodeConfirmation", await Totp.NextAsync(staff.AuthenticatorKey!))]);
        Assert.Contains(number, done.Text, StringComparison.Ordinal);
        Assert.Contains("Acceptée", (await agent.GetAsync($"/back-office/demandes/{number}")).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Five_wrong_codes_on_the_confirmation_page_lock_the_account_and_sign_out()
    {
        var number = await FiledAttestationAsync();
        using var agent = host.NewSession();
        var staff = await TestStaff.SignInAsync(host, agent, Roles.Agent, "DGFP");
        var taken = await agent.SubmitAsync(await agent.GetAsync($"/back-office/demandes/{number}"), "Prendre la demande");
        host.Clock.Advance(TimeSpan.FromMinutes(16));

        var page = await agent.SubmitAsync(taken, "Accepter la demande");
        for (var attempt = 1; attempt <= 4; attempt++)
        {
            page = await agent.SubmitAsync(page, "Confirmer", [("CodeConfirmation", "1234567")]);
            Assert.Equal(HttpStatusCode.BadRequest, page.Status);
        }

        var locked = await agent.SubmitAsync(page, "Confirmer", [("CodeConfirmation", "1234567")]);
        Assert.Equal("/compte/connexion", locked.Url);
        Assert.Contains("Trop d'essais infructueux : votre compte est bloqué pendant 15 minutes.", locked.Text, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await agent.GetAsync("/back-office", follow: false)).Status);
        var again = await agent.SubmitAsync(locked, "Se connecter", [("Email", staff.Email), ("Password", staff.Password)]);
        // Signing in again reads as any refused sign-in (a lockout message would tell that the account exists).
        Assert.Equal(AccountController.SignInRefused, again.ErrorFor("Password"));
    }
}
