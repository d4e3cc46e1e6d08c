using System.Net;
using EServices.Tests.Infrastructure;
using EServices.Web.Features.Accounts;

namespace EServices.Tests.Security;

/// <summary>ASVS V3.3.1: sign-out ends the session on the server; V3.3.2: staff sessions end after 30 minutes idle.</summary>
[Collection(SessionCollection.Name)]
public sealed class SessionLifetimeTests(SessionHost host)
{
    [Fact]
    public async Task A_session_cookie_replayed_after_sign_out_is_refused_at_once()
    {
        using var session = host.NewSession();
        var user = await TestUsers.SignUpAsync(session);
        var signedIn = await session.SubmitAsync(await session.GetAsync("/compte/connexion"), "Se connecter", [("Email", user.Email), ("Password", user.Password)], follow: false);
        var stolen = SessionCookieTests.CookieValue(signedIn, SessionCookies.Session);
        using var attacker = host.ClientWithCookie(SessionCookies.Session, stolen);
        Assert.Equal(HttpStatusCode.OK, (await attacker.GetAsync("/mes-demandes")).StatusCode);

        await session.SubmitAsync(await session.GetAsync("/"), "Se déconnecter");

        var replayed = await attacker.GetAsync("/mes-demandes");
        Assert.Equal(HttpStatusCode.Redirect, replayed.StatusCode);
        Assert.StartsWith("/compte/connexion", replayed.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_role_change_ends_that_agents_open_session_at_once_and_an_administrator_editing_themselves_stays_signed_in()
    {
        using var agent = host.NewSession();
        var staff = await TestStaff.SignInAsync(host, agent, Roles.Agent, "DGFP");
        using var admin = host.NewSession();
        var administrator = await TestStaff.SignInAsync(host, admin, Roles.Admin, null);
        var agentId = (string)(await host.ScalarAsync("SELECT id FROM \"AspNetUsers\" WHERE email = @e", ("e", staff.Email)))!;
        var adminId = (string)(await host.ScalarAsync("SELECT id FROM \"AspNetUsers\" WHERE email = @e", ("e", administrator.Email)))!;

        await admin.SubmitAsync(await admin.GetAsync($"/admin/agents/{agentId}"), "Enregistrer", [("Role", Roles.Supervisor)]);
        var ended = await agent.GetAsync("/back-office", follow: false);
        Assert.Equal(HttpStatusCode.Redirect, ended.Status);
        Assert.StartsWith("/compte/connexion", new Uri(host.BaseAddress, ended.Location).PathAndQuery, StringComparison.Ordinal);

        var saved = await admin.SubmitAsync(await admin.GetAsync($"/admin/agents/{adminId}"), "Enregistrer", [("LastName", "Kaboré-Ouédraogo")]);
        Assert.Contains("Kaboré-Ouédraogo enregistré", saved.Text, StringComparison.OrdinalIgnoreCase);
        var stillIn = await admin.GetAsync("/admin/agents", follow: false);
        Assert.Equal(HttpStatusCode.OK, stillIn.Status);
    }

    [Fact]
    public async Task A_staff_session_slides_while_used_and_ends_after_30_idle_minutes()
    {
        using var agent = host.NewSession();
        await TestStaff.SignInAsync(host, agent, Roles.Agent, "DGFP");

        for (var i = 0; i < 3; i++)
        {
            host.Clock.Advance(TimeSpan.FromMinutes(20));
            Assert.Equal(HttpStatusCode.OK, (await agent.GetAsync("/back-office", follow: false)).Status);
        }

        host.Clock.Advance(TimeSpan.FromMinutes(31));
        var expired = await agent.GetAsync("/back-office", follow: false);
        Assert.Equal(HttpStatusCode.Redirect, expired.Status);
        Assert.StartsWith("/compte/connexion", new Uri(host.BaseAddress, expired.Location).PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_applicant_session_survives_two_idle_hours()
    {
        using var applicant = host.NewSession();
        await TestUsers.SignUpAsync(applicant);
        host.Clock.Advance(TimeSpan.FromHours(2));
        var mine = await applicant.GetAsync("/mes-demandes", follow: false);
        Assert.Equal(HttpStatusCode.OK, mine.Status);
        Assert.Equal("Mes demandes", mine.Html.QuerySelector("h1")!.TextContent);
    }
}
