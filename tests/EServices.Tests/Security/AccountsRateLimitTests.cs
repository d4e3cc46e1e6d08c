using System.Net;
using EServices.Tests.Infrastructure;
using EServices.Web.Features.Accounts;

namespace EServices.Tests.Security;

/// <summary>ASVS V2.2.1: sign-in and password-reset attempts are limited per account (10 a minute by default).</summary>
[Collection(WebCollection.Name)]
public sealed class AccountsRateLimitTests(HostFixture host)
{
    [Fact]
    public async Task The_eleventh_sign_in_attempt_on_one_account_within_a_minute_gets_a_french_too_many_attempts_page()
    {
        using var session = host.NewSession();
        var email = $"cible-{Guid.NewGuid():N}@exemple.bf";
        var page = await session.GetAsync("/compte/connexion");
        for (var attempt = 1; attempt <= 10; attempt++)
        {
            page = await session.SubmitAsync(page, "Se connecter", [("Email", email), ("Password", $"essai numéro {attempt}")]);
            Assert.Equal(HttpStatusCode.BadRequest, page.Status);
        }

        // The same account typed differently is the same account.
        var refused = await session.SubmitAsync(page, "Se connecter", [("Email", $" {email.ToUpperInvariant()} "), ("Password", "essai numéro 11")]);

        AssertTooManyAttempts(refused);
        var other = await session.SubmitAsync(await session.GetAsync("/compte/connexion"), "Se connecter", [("Email", $"autre-{Guid.NewGuid():N}@exemple.bf"), ("Password", "essai numéro 1")]);
        Assert.Equal(AccountController.SignInRefused, other.ErrorFor("Password"));
    }

    [Fact]
    public async Task Reset_links_for_one_account_are_limited_to_ten_a_minute()
    {
        using var session = host.NewSession();
        var user = await TestUsers.SignUpAsync(session);
        await session.SubmitAsync(await session.GetAsync("/"), "Se déconnecter");
        var forgot = await session.GetAsync("/compte/mot-de-passe-oublie");
        for (var attempt = 1; attempt <= 10; attempt++)
        {
            var sent = await session.SubmitAsync(forgot, "Recevoir le lien", [("Email", user.Email)]);
            Assert.Equal(HttpStatusCode.OK, sent.Status);
        }

        AssertTooManyAttempts(await session.SubmitAsync(forgot, "Recevoir le lien", [("Email", user.Email)]));
    }

    internal static void AssertTooManyAttempts(Page page)
    {
        Assert.Equal(HttpStatusCode.TooManyRequests, page.Status);
        Assert.Equal("Trop de tentatives", page.Html.QuerySelector("h1")?.TextContent);
        Assert.Contains("Patientez quelques minutes avant de réessayer.", page.Text, StringComparison.Ordinal);
        var wait = int.Parse(page.Response.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(wait, 1, 60);
        Assert.Contains($"Vous pourrez réessayer dans {wait} secondes.", page.Text, StringComparison.Ordinal);
    }
}
