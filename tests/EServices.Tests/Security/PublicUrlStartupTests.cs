using System.Net;
using EServices.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace EServices.Tests.Security;

/// <summary>Portal:PublicUrl is checked when the portal starts: without a usable value it stops with a message naming the setting.</summary>
public sealed class PublicUrlStartupTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("eservices.fonction-publique.gov.bf")]
    [InlineData("/portail")]
    [InlineData("ftp://eservices.fonction-publique.gov.bf")]
    [InlineData("https://eservices.fonction-publique.gov.bf/?retour=1")]
    [InlineData("https://admin:secret@eservices.fonction-publique.gov.bf")]
    public void A_production_portal_without_a_usable_public_address_does_not_start_and_names_the_setting(string? publicUrl)
    {
        using var portal = new ProductionPortal(publicUrl);

        var logged = StartupFailure.Logged(portal);

        Assert.Contains("Portal:PublicUrl (env Portal__PublicUrl) must be the portal's public address", logged, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_production_portal_answers_requests_naming_its_public_host_or_a_loopback_name_only()
    {
        using var portal = new ProductionPortal("https://eservices.fonction-publique.gov.bf");
        using var client = portal.CreateClient();

        async Task<HttpStatusCode> HealthAsync(string host)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/health");
            request.Headers.Host = host;
            using var response = await client.SendAsync(request);
            return response.StatusCode;
        }

        foreach (var host in new[] { "eservices.fonction-publique.gov.bf", "EServices.Fonction-Publique.gov.bf:443", "localhost", "127.0.0.1:8080", "[::1]:8080" })
        {
            Assert.NotEqual(HttpStatusCode.BadRequest, await HealthAsync(host)); // 503 here: no database behind this portal
        }

        foreach (var host in new[] { "attacker.example", "eservices.fonction-publique.gov.bf.attacker.example", "localhost.attacker.example", "127.0.0.2" })
        {
            Assert.Equal(HttpStatusCode.BadRequest, await HealthAsync(host));
        }
    }

    private sealed class ProductionPortal(string? publicUrl) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Production");
            builder.UseSetting("ConnectionStrings:Default", "Host=127.0.0.1;Port=1;Username=nobody;Database=none;Timeout=2");
            builder.UseSetting("Database:MigrateOnStartup", "false");
            builder.UseSetting("Storage:Path", Path.GetTempPath());
            builder.UseSetting("Email:PollInterval", "01:00:00");
            if (publicUrl is not null)
            {
                builder.UseSetting("Portal:PublicUrl", publicUrl);
            }
        }
    }
}
