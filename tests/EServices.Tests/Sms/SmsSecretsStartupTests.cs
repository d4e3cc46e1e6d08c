using EServices.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace EServices.Tests.Sms;

/// <summary>With a gateway configured, the secrets that authenticate Kannel's calls are checked when the portal starts:
/// outside Development, a missing, short or example secret stops it with a message naming the settings.</summary>
public sealed class SmsSecretsStartupTests
{
    private const string Good = "3f9c1d7e2b8a4c6f0e5d9b1a7c3e8f2d";

    [Theory]
    [InlineData(null, Good)]
    [InlineData("", Good)]
    [InlineData("change-me", Good)]
    [InlineData("court-15-signes", Good)]
    [InlineData("change-me-change-me-please", Good)]
    [InlineData(Good, null)]
    [InlineData(Good, "change-me")]
    [InlineData(Good, "motdepasse")]
    public void A_production_portal_with_a_gateway_and_a_weak_secret_does_not_start_and_names_the_settings(string? callbackSecret, string? password)
    {
        using var portal = new ProductionPortal("Production", callbackSecret, password);

        var logged = StartupFailure.Logged(portal);

        Assert.Contains("Sms:CallbackSecret and Sms:Password (env Sms__CallbackSecret, Sms__Password) must be set", logged, StringComparison.Ordinal);
        Assert.Contains("Sms:CallbackSecret et Sms:Password doivent être définis", logged, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Production", Good, Good)]
    [InlineData("Development", "change-me", null)]
    public void A_portal_with_real_secrets_or_in_development_starts(string environment, string? callbackSecret, string? password)
    {
        using var portal = new ProductionPortal(environment, callbackSecret, password);
        Assert.NotNull(portal.Server);
    }

    [Fact]
    public void A_production_portal_without_a_gateway_needs_no_sms_secret()
    {
        using var portal = new ProductionPortal("Production", null, null, sendSmsUrl: null);
        Assert.NotNull(portal.Server);
    }

    private sealed class ProductionPortal(string environment, string? callbackSecret, string? password, string? sendSmsUrl = "http://127.0.0.1:1/cgi-bin/sendsms")
        : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment(environment);
            builder.UseSetting("ConnectionStrings:Default", "Host=127.0.0.1;Port=1;Username=nobody;Database=none;Timeout=2");
            builder.UseSetting("Database:MigrateOnStartup", "false");
            builder.UseSetting("Storage:Path", Path.GetTempPath());
            builder.UseSetting("Email:PollInterval", "01:00:00");
            builder.UseSetting("Sms:PollInterval", "01:00:00");
            builder.UseSetting("Portal:PublicUrl", "https://eservices.fonction-publique.gov.bf");
            foreach (var (name, value) in new[] { ("Sms:SendSmsUrl", sendSmsUrl), ("Sms:CallbackSecret", callbackSecret), ("Sms:Password", password) })
            {
                if (value is not null)
                {
                    builder.UseSetting(name, value);
                }
            }
        }
    }
}
