using System.Net;
using EServices.Tests.Infrastructure;
using EServices.Web.Features.Accounts;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace EServices.Tests.Security;

/// <summary>The portal behind a reverse proxy at 10.0.0.5, which it is told to trust; the per-address limit is on; /metrics is
/// also served to <see cref="MetricsNetwork"/> (the Prometheus servers).</summary>
public sealed class ProxiedHost : HostFixture
{
    public const string Proxy = "10.0.0.5";
    public const string MetricsNetwork = "10.20.0.0/16";

    /// <summary>A second trusted proxy, inside the metrics network.</summary>
    public const string ProxyInMetricsNetwork = "10.20.9.9";

    protected override bool LiftsPerAddressSignInLimit => false;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("ForwardedHeaders:KnownProxies:0", Proxy);
        builder.UseSetting("ForwardedHeaders:KnownProxies:1", ProxyInMetricsNetwork);
        builder.UseSetting("Metrics:AllowedNetworks:0", MetricsNetwork);
        builder.ConfigureServices(services => services.AddSingleton<IStartupFilter>(new EveryRequestFrom(Proxy)));
    }
}

/// <summary>ASVS V2.2.1 and V14.4.5 behind a proxy: the client address and scheme come from the trusted proxy's headers.</summary>
public sealed class TrustedProxyTests(ProxiedHost host) : IClassFixture<ProxiedHost>
{
    [Fact]
    public async Task Each_client_behind_the_proxy_has_its_own_sign_in_limit()
    {
        using var first = host.NewSession();
        first.Client.DefaultRequestHeaders.Add("X-Forwarded-For", "203.0.113.10");
        var page = await first.GetAsync("/compte/connexion");
        for (var attempt = 1; attempt <= 20; attempt++)
        {
            page = await first.SubmitAsync(page, "Se connecter", [("Email", $"robot-{Guid.NewGuid():N}@exemple.bf"), ("Password", "un mot de passe au hasard")]);
            Assert.Equal(HttpStatusCode.BadRequest, page.Status);
        }

        AccountsRateLimitTests.AssertTooManyAttempts(
            await first.SubmitAsync(page, "Se connecter", [("Email", $"robot-{Guid.NewGuid():N}@exemple.bf"), ("Password", "un mot de passe au hasard")]));

        using var second = host.NewSession();
        second.Client.DefaultRequestHeaders.Add("X-Forwarded-For", "203.0.113.11");
        var other = await second.SubmitAsync(await second.GetAsync("/compte/connexion"), "Se connecter",
            [("Email", $"robot-{Guid.NewGuid():N}@exemple.bf"), ("Password", "un mot de passe au hasard")]);
        Assert.Equal(HttpStatusCode.BadRequest, other.Status);
        Assert.Equal(AccountController.SignInRefused, other.ErrorFor("Password"));
    }

    [Fact]
    public async Task Strict_transport_security_follows_the_scheme_the_proxy_received()
    {
        using var session = host.NewSession();
        session.Client.DefaultRequestHeaders.Add("X-Forwarded-Proto", "http");
        Assert.False((await session.GetAsync("/")).Response.Headers.Contains("Strict-Transport-Security"));

        session.Client.DefaultRequestHeaders.Remove("X-Forwarded-Proto");
        session.Client.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");
        Assert.True((await session.GetAsync("/")).Response.Headers.Contains("Strict-Transport-Security"));
    }
}
