using System.Net;
using EServices.Tests.Infrastructure;

namespace EServices.Tests.Security;

/// <summary>A host with the portal's own per-address limit (the shared host lifts it: every test comes from one address).</summary>
public sealed class AccountsRateLimitedHost : HostFixture
{
    protected override bool LiftsPerAddressSignInLimit => false;
}

/// <summary>ASVS V2.2.1: one client address gets 20 sign-in or reset attempts a minute, whatever accounts it tries and whatever
/// X-Forwarded-For it sends.</summary>
public sealed class AccountsRateLimitPerAddressTests(AccountsRateLimitedHost host) : IClassFixture<AccountsRateLimitedHost>
{
    [Fact]
    public async Task The_twenty_first_attempt_from_one_address_within_a_minute_is_refused_whatever_the_account()
    {
        using var session = host.NewSession();
        var page = await session.GetAsync("/compte/connexion");
        for (var attempt = 1; attempt <= 20; attempt++)
        {
            // No proxy is configured: an address the client writes itself changes nothing.
            session.Client.DefaultRequestHeaders.Remove("X-Forwarded-For");
            session.Client.DefaultRequestHeaders.Add("X-Forwarded-For", $"198.51.100.{attempt}");
            page = await session.SubmitAsync(page, "Se connecter", [("Email", $"robot-{Guid.NewGuid():N}@exemple.bf"), ("Password", "un mot de passe au hasard")]);
            Assert.Equal(HttpStatusCode.BadRequest, page.Status);
        }

        AccountsRateLimitTests.AssertTooManyAttempts(
            await session.SubmitAsync(page, "Se connecter", [("Email", $"robot-{Guid.NewGuid():N}@exemple.bf"), ("Password", "un mot de passe au hasard")]));
        var forgot = await session.GetAsync("/compte/mot-de-passe-oublie");
        Assert.Equal(HttpStatusCode.OK, forgot.Status);
        AccountsRateLimitTests.AssertTooManyAttempts(await session.SubmitAsync(forgot, "Recevoir le lien", [("Email", $"robot-{Guid.NewGuid():N}@exemple.bf")]));
    }
}
