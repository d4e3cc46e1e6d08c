using System.Net;
using EServices.Tests.Infrastructure;
using EServices.Web.Features.Accounts;

namespace EServices.Tests.Security;

/// <summary>ASVS V3.4: every cookie of a session is __Host-, Secure, HttpOnly and SameSite; V3.2.1: a new session at sign-in.</summary>
[Collection(WebCollection.Name)]
public sealed class SessionCookieTests(HostFixture host)
{
    [Fact]
    public async Task Every_cookie_the_portal_sets_is_host_prefixed_secure_httponly_and_samesite()
    {
        using var applicant = host.NewSession();
        var setCookies = new List<string>();
        var login = await applicant.GetAsync("/compte/inscription");
        setCookies.AddRange(SetCookies(login));
        var form = await applicant.GetAsync("/compte/inscription");
        var email = $"cookies-{Guid.NewGuid():N}@exemple.bf";
        var sent = await applicant.SubmitAsync(form, "Créer mon compte",
        [
            ("LastName", "Zongo"), ("FirstNames", "Awa"), ("Email", email), ("Phone", "70 12 34 56"),
            ("Password", TestUsers.Password), ("ConfirmPassword", TestUsers.Password),
        ], follow: false);
        setCookies.AddRange(SetCookies(sent));
        var activation = await applicant.GetAsync(TestUsers.ActivationPath(await host.Mailbox.WaitForAsync(email, TestUsers.ActivationSubject)));
        setCookies.AddRange(SetCookies(activation));
        var signedUp = await applicant.SubmitAsync(activation, "Activer mon compte", follow: false);
        setCookies.AddRange(SetCookies(signedUp));

        using var staffSession = host.NewSession();
        var staff = await TestStaff.CreateAsync(host, Roles.Agent, "DGFP");
        var code = await staffSession.SubmitAsync(await staffSession.GetAsync("/compte/connexion"), "Se connecter", [("Email", staff.Email), ("Password", staff.Password)], follow: false);
        setCookies.AddRange(SetCookies(code));

        var byName = setCookies.ToLookup(c => c[..c.IndexOf('=', StringComparison.Ordinal)]);
        Assert.Equal(
            [SessionCookies.SecondFactorPending, SessionCookies.Antiforgery, SessionCookies.Session, SessionCookies.TempData],
            byName.Select(g => g.Key).Order(StringComparer.Ordinal));
        foreach (var cookie in setCookies)
        {
            var attributes = cookie.Split(';', StringSplitOptions.TrimEntries).Skip(1).Select(a => a.ToLowerInvariant()).ToList();
            Assert.StartsWith("__Host-", cookie, StringComparison.Ordinal);
            Assert.Contains("secure", attributes);
            Assert.Contains("httponly", attributes);
            Assert.Contains("path=/", attributes);
            Assert.DoesNotContain(attributes, a => a.StartsWith("domain=", StringComparison.Ordinal));
            Assert.Contains(attributes, a => a is "samesite=lax" or "samesite=strict");
        }

        Assert.Contains("samesite=strict", byName[SessionCookies.Antiforgery].First().ToLowerInvariant(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Each_sign_in_issues_a_new_session_cookie()
    {
        using var session = host.NewSession();
        var user = await TestUsers.SignUpAsync(session);
        await session.SubmitAsync(await session.GetAsync("/"), "Se déconnecter");

        var first = await SignInAsync(session, user);
        await session.SubmitAsync(await session.GetAsync("/"), "Se déconnecter");
        var second = await SignInAsync(session, user);

        Assert.NotEqual(first, second);
    }

    private static async Task<string> SignInAsync(WebSession session, TestUser user)
    {
        var signedIn = await session.SubmitAsync(await session.GetAsync("/compte/connexion"), "Se connecter", [("Email", user.Email), ("Password", user.Password)], follow: false);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.Status);
        return CookieValue(signedIn, SessionCookies.Session);
    }

    internal static IEnumerable<string> SetCookies(Page page) =>
        page.Response.Headers.TryGetValues("Set-Cookie", out var values) ? values : [];

    internal static string CookieValue(Page page, string name)
    {
        var cookie = SetCookies(page).Single(c => c.StartsWith(name + "=", StringComparison.Ordinal));
        return cookie[(name.Length + 1)..cookie.IndexOf(';', StringComparison.Ordinal)];
    }
}
