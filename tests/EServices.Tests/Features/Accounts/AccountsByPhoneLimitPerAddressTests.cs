using System.Net;
using EServices.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;

namespace EServices.Tests.Features.Accounts;

/// <summary>A host with the portal's own limit of SMS codes per client address (the shared host lifts it: every test
/// comes from one address); its sign-in limit per address is lifted, so that only the codes' limit answers.</summary>
public sealed class PhoneCodesLimitedHost : HostFixture
{
    protected override bool LiftsPerAddressSignInLimit => false;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("SignInLimits:PerIpPerMinute", "1000000");
    }
}

public sealed class AccountsByPhoneLimitPerAddressTests(PhoneCodesLimitedHost host) : IClassFixture<PhoneCodesLimitedHost>
{
    [Fact]
    public async Task One_address_gets_twenty_codes_an_hour_whatever_the_numbers()
    {
        using var session = host.NewSession();
        for (var sent = 1; sent <= 20; sent++)
        {
            var page = await session.SubmitAsync(await session.GetAsync("/compte/mot-de-passe-oublie"), "Recevoir le lien ou le code", [("Email", TestSms.NewPhone())]);
            Assert.Equal(HttpStatusCode.OK, page.Status);
        }

        var phone = TestSms.NewPhone();
        var refused = await session.SubmitAsync(await session.GetAsync("/compte/inscription"), "Créer mon compte",
            [("LastName", "Sawadogo"), ("FirstNames", "Rasmata"), ("Email", ""), ("Phone", phone), ("Password", TestUsers.Password), ("ConfirmPassword", TestUsers.Password)]);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.Status);
        Assert.Equal("Trop de tentatives", refused.Html.QuerySelector("h1")?.TextContent);
        Assert.Empty(await TestSms.ToAsync(host, phone));
    }
}
