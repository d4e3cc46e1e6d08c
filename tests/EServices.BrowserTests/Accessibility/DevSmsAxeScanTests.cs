using EServices.BrowserTests.Infrastructure;
using EServices.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace EServices.BrowserTests.Accessibility;

/// <summary>A portal in Development, as scripts/run.sh starts it, for its development SMS page.</summary>
public sealed class DevelopmentHost : HostFixture
{
    protected override bool ListensOnRealPort => true;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseEnvironment("Development");
        builder.UseSetting("Sms:DevInbox", Path.Combine(Path.GetTempPath(), $"eservices-dev-inbox-{Guid.NewGuid():N}"));
    }
}

/// <summary>axe-core on the development SMS page (issue 16): its lists, its form, its errors.</summary>
public sealed class DevSmsAxeScanTests(DevelopmentHost host, Chromium chromium) : IClassFixture<DevelopmentHost>, IClassFixture<Chromium>
{
    [Fact]
    public async Task The_development_SMS_page_has_no_accessibility_violations_with_its_lists_and_its_errors()
    {
        await host.ScalarAsync("""
            INSERT INTO outbox_sms ("to", text, coding, parts, kind, created_at, next_attempt_at, attempts, delivery)
              VALUES ('+22670000001', 'Demande FP-2027-000001 bien recue.', 'Gsm7', 1, 'Notice', now(), now(), 1, 'Delivered');
            INSERT INTO incoming_sms ("from", text, received_at, outcome) VALUES ('+22670000001', 'SUIVI FP-2027-000001', now(), 'status');
            SELECT 1
            """);
        var axe = new AxeFindings();
        await using var context = await chromium.NewContextAsync(host.BaseAddress);
        var page = await context.NewPageAsync();

        await page.GotoAsync("/dev/sms");
        await Expect(page.GetByRole(AriaRole.Main)).ToContainTextAsync("Demande FP-2027-000001 bien recue.");
        await axe.ScanAsync(page, "SMS (développement)");
        await page.GetByLabel("Numéro de l'expéditeur").FillAsync("12");
        await page.GetByRole(AriaRole.Button, new() { Name = "Envoyer au portail" }).ClickAsync();
        await Expect(page.Locator(".error-summary")).ToBeVisibleAsync();
        await axe.ScanAsync(page, "SMS (développement) with errors");

        axe.AssertNone();
    }
}
