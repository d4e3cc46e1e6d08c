using System.Net;
using EServices.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace EServices.Tests.Features.Accounts;

[Collection(WebCollection.Name)]
public sealed class TwoFactorTests(HostFixture host)
{
    private async Task<string> NewAgentWithoutSecondFactorAsync()
    {
        var email = $"agent-{Guid.NewGuid():N}@fonctionpublique.bf";
        using var scope = host.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = new ApplicationUser { UserName = email, Email = email, FirstNames = "Salam", LastName = "Tiendrébéogo", EmailConfirmed = true };
        Assert.True((await users.CreateAsync(user, TestUsers.Password)).Succeeded);
        Assert.True((await users.AddToRoleAsync(user, Roles.Agent)).Succeeded);
        return email;
    }

    [Fact]
    public async Task A_new_agent_must_enrol_an_authenticator_app_before_the_back_office_opens()
    {
        var email = await NewAgentWithoutSecondFactorAsync();
        using var session = host.NewSession();
        var enrol = await session.SubmitAsync(await session.GetAsync("/compte/connexion"), "Se connecter", [("Email", email), ("Password", TestUsers.Password)]);
        Assert.Equal("/compte/double-authentification", enrol.Url);
        Assert.NotNull(enrol.Html.QuerySelector("img[src^='data:image/png;base64,']"));

        var refused = await session.GetAsync("/back-office", follow: false);
        Assert.Contains("/compte/acces-refuse", refused.Location, StringComparison.Ordinal);

        var wrong = await session.SubmitAsync(enrol, "Activer", [("code", "000000")]);
        Assert.Equal(HttpStatusCode.BadRequest, wrong.Status);
        Assert.StartsWith("Code incorrect", wrong.ErrorFor("code"), StringComparison.Ordinal);

        var key = wrong.Html.QuerySelector("ol code")!.TextContent;
        var enrolled = await session.SubmitAsync(wrong, "Activer", [("code", Totp.Code(key, DateTimeOffset.UtcNow))]);
        Assert.Contains("Double authentification activée", enrolled.Text, StringComparison.Ordinal);
        var recoveryCodes = enrolled.Html.QuerySelectorAll(".recovery-codes code").Select(c => c.TextContent).ToList();
        Assert.Equal(10, recoveryCodes.Count);

        var inbox = await session.GetAsync("/back-office");
        Assert.Equal(HttpStatusCode.OK, inbox.Status);
        Assert.Contains("Demandes à traiter", inbox.Text, StringComparison.Ordinal);

        // Next time: password, then a recovery code instead of the app; a used recovery code does not work twice.
        await session.SubmitAsync(inbox, "Se déconnecter");
        var code = await session.SubmitAsync(await session.GetAsync("/compte/connexion"), "Se connecter", [("Email", email), ("Password", TestUsers.Password)]);
        var recovery = await session.ClickAsync(code, "Je n'ai pas mon téléphone");
        var back = await session.SubmitAsync(recovery, "Valider", [("Code", recoveryCodes[0])]);
        Assert.Contains("Demandes à traiter", back.Text, StringComparison.Ordinal);

        await session.SubmitAsync(back, "Se déconnecter");
        code = await session.SubmitAsync(await session.GetAsync("/compte/connexion"), "Se connecter", [("Email", email), ("Password", TestUsers.Password)]);
        recovery = await session.ClickAsync(code, "Je n'ai pas mon téléphone");
        var reused = await session.SubmitAsync(recovery, "Valider", [("Code", recoveryCodes[0])]);
        Assert.Equal(HttpStatusCode.BadRequest, reused.Status);
        Assert.StartsWith("Ce code de secours n'est pas valable", reused.ErrorFor("Code"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_code_keeps_the_back_office_closed()
    {
        using var session = host.NewSession();
        var agent = await TestStaff.SignInAsync(host, session, Roles.Agent, "DGFP");
        await session.SubmitAsync(await session.GetAsync("/back-office"), "Se déconnecter");

        var code = await session.SubmitAsync(await session.GetAsync("/compte/connexion"), "Se connecter", [("Email", agent.Email), ("Password", agent.Password)]);
        Assert.StartsWith("/compte/connexion/code", code.Url, StringComparison.Ordinal);
        var wrong = await session.SubmitAsync(code, "Valider", [("Code", "123456")]);
        Assert.Equal(HttpStatusCode.BadRequest, wrong.Status);
        Assert.StartsWith("Code incorrect ou expiré", wrong.ErrorFor("Code"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await session.GetAsync("/back-office", follow: false)).Status);
    }
}
