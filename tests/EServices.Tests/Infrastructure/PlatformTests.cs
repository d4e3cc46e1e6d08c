using System.Net;

namespace EServices.Tests.Infrastructure;

[Collection(WebCollection.Name)]
public sealed class PlatformTests(HostFixture host)
{
    [Fact]
    public async Task Health_reports_the_database()
    {
        using var session = host.NewSession();
        var response = await session.Client.GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        // The first line is what a balancer reads; the second the waiting room's queue (no one waits in these tests).
        Assert.Equal(["Healthy", "salle d'attente : 0 en attente, 0 admis sur 2000"], (await response.Content.ReadAsStringAsync()).Split('\n'));
    }

    [Fact]
    public async Task The_benchmark_baseline_endpoint_is_off_unless_configured()
    {
        using var session = host.NewSession();
        var response = await session.Client.GetAsync("/bench/plaintext");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Data_protection_keys_live_in_postgresql_so_that_nodes_share_cookies()
    {
        using var session = host.NewSession();
        await TestUsers.SignUpAsync(session); // issues an authentication cookie, protected by those keys

        Assert.True((long)(await host.ScalarAsync("SELECT count(*) FROM data_protection_keys"))! >= 1);
    }

    [Fact]
    public async Task Every_page_carries_the_security_headers()
    {
        using var session = host.NewSession();
        var page = await session.GetAsync("/");
        var headers = page.Response.Headers;
        var csp = headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("default-src 'self'", csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("same-origin", headers.GetValues("Referrer-Policy").Single());
        Assert.Empty(page.Html.QuerySelectorAll("script:not([src])"));
        Assert.Empty(page.Html.QuerySelectorAll("[style]"));
    }
}
