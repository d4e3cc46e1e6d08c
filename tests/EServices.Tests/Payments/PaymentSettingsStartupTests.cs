using EServices.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace EServices.Tests.Payments;

/// <summary>Outside Development, a portal pointed at CinetPay without its keys does not start: it could neither open a
/// payment nor verify a notification. Without a CinetPay address it starts (online payment is simply off).</summary>
public sealed class PaymentSettingsStartupTests
{
    [Theory]
    [InlineData("", "445566", "secret-key-0123456789")]
    [InlineData("apikey-0123", "", "secret-key-0123456789")]
    [InlineData("apikey-0123", "445566", null)]
    [InlineData("apikey-0123", "445566", "short-secret")]
    [InlineData("apikey-0123", "445566", "paysim-dev-secret-key-not-for-production")] // the simulator's, in the repository
    public void A_production_portal_pointed_at_CinetPay_without_its_keys_does_not_start(string? apiKey, string? siteId, string? secretKey)
    {
        using var portal = new ProductionPortal(("Payments:CinetPay:BaseUrl", "https://api-checkout.cinetpay.com"),
            ("Payments:CinetPay:ApiKey", apiKey), ("Payments:CinetPay:SiteId", siteId), ("Payments:CinetPay:SecretKey", secretKey));

        var logged = StartupFailure.Logged(portal);

        Assert.Contains("Payments:CinetPay:ApiKey, SiteId and SecretKey (env Payments__CinetPay__ApiKey…) must be set", logged, StringComparison.Ordinal);
        Assert.Contains("not the simulator's development one", logged, StringComparison.Ordinal);
    }

    [Fact]
    public void A_production_portal_with_the_keys_or_without_CinetPay_starts()
    {
        using (var keyed = new ProductionPortal(("Payments:CinetPay:BaseUrl", "https://api-checkout.cinetpay.com"),
            ("Payments:CinetPay:ApiKey", "apikey-0123"), ("Payments:CinetPay:SiteId", "445566"), ("Payments:CinetPay:SecretKey", "secret-key-0123456789")))
        {
            Assert.NotNull(keyed.Server);
        }
        using var without = new ProductionPortal();
        Assert.NotNull(without.Server);
    }

    private sealed class ProductionPortal(params (string Name, string? Value)[] payments) : WebApplicationFactory<Program>
    {
        private static readonly (string Name, string? Value)[] Rest =
        [
            ("ConnectionStrings:Default", "Host=127.0.0.1;Port=1;Username=nobody;Database=none;Timeout=2"), ("Database:MigrateOnStartup", "false"),
            ("Storage:Path", Path.GetTempPath()), ("Email:PollInterval", "01:00:00"), ("Portal:PublicUrl", "https://eservices.fonction-publique.gov.bf"),
        ];

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Production");
            foreach (var (name, value) in Rest.Concat(payments).Where(s => s.Value is not null))
            {
                builder.UseSetting(name, value);
            }
        }
    }
}
