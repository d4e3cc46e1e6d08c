using System.Net;
using EServices.Tests.Features.Filing;
using EServices.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace EServices.Tests.Features.Verification;

/// <summary>A check works from the QR code alone when the registry cannot be reached.</summary>
[Collection(WebCollection.Name)]
public sealed class OfflineCheckTests(HostFixture host)
{
    [Fact]
    public async Task With_the_database_unreachable_the_signature_in_the_QR_still_says_genuine()
    {
        using var applicant = host.NewSession();
        await TestUsers.SignUpAsync(applicant, "Awa", "Ouédraogo");
        var number = await AttestationJourney.FileAsync(applicant);
        var (_, pdf, _) = await applicant.DownloadAsync($"/mes-demandes/{number}/recepisse");
        var url = new Uri(await QrReader.ReadAsync(pdf));

        await using var offline = new OfflinePortal(await SigningKeyAsync());
        using var client = offline.CreateClient();
        var response = await client.GetAsync(url.PathAndQuery);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Signature authentique", html, StringComparison.Ordinal);
        Assert.Contains(number, html, StringComparison.Ordinal);
        Assert.Contains("A** O********", html, StringComparison.Ordinal);

        var token = url.Query[3..];
        var forged = await client.GetAsync($"{url.AbsolutePath}?s={token[..8]}{(token[8] == 'A' ? 'B' : 'A')}{token[9..]}");
        Assert.Contains("Code altéré", await forged.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private async Task<string> SigningKeyAsync() =>
        (string)(await host.ScalarAsync("SELECT private_key_pem FROM signing_keys ORDER BY id LIMIT 1"))!;

    /// <summary>The portal with the same signing key and a database that does not answer.</summary>
    private sealed class OfflinePortal(string signingKey) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Testing");
            builder.UseSetting("ConnectionStrings:Default", "Host=127.0.0.1;Port=1;Username=nobody;Database=none;Timeout=2");
            builder.UseSetting("Database:MigrateOnStartup", "false");
            builder.UseSetting("Signing:PrivateKeyPem", signingKey);
            builder.UseSetting("Storage:Path", Path.GetTempPath());
            builder.UseSetting("Email:PollInterval", "01:00:00");
        }
    }
}
