using System.Net;
using EServices.Tests.Documents;
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

        var signature = url.AbsolutePath.Split('/')[^1];
        var forged = await client.GetAsync(url.AbsolutePath.Replace(signature, signature[..8] + (signature[8] == 'A' ? 'B' : 'A') + signature[9..], StringComparison.Ordinal));
        Assert.Contains("Code altéré", await forged.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_document_issued_with_a_format_1_QR_code_still_verifies_online_and_offline()
    {
        using var applicant = host.NewSession();
        await TestUsers.SignUpAsync(applicant, "Awa", "Ouédraogo");
        var number = await AttestationJourney.FileAsync(applicant);
        var code = (string)(await host.ScalarAsync("SELECT code FROM issued_documents WHERE number = @n AND kind = 'Receipt'", ("n", number)))!;
        // The address of a receipt printed before format 2, as the portal then signed it.
        var token = DocumentSignerTests.Format1Token(await SigningKeyAsync(), $"Receipt|{number}|Awa OUÉDRAOGO|2027-03-26|0123456789abcdef");
        var format1 = $"/verifier/{code}?s={token}";

        var online = await host.NewSession().GetAsync(format1);
        Assert.Contains("Document authentique", online.Text, StringComparison.Ordinal);
        Assert.Contains(number, online.Text, StringComparison.Ordinal);

        await using var offline = new OfflinePortal(await SigningKeyAsync());
        var answer = await (await offline.CreateClient().GetAsync(format1)).Content.ReadAsStringAsync();
        Assert.Contains("Signature authentique", answer, StringComparison.Ordinal);
        Assert.Contains("A** O********", answer, StringComparison.Ordinal);

        var altered = await host.NewSession().GetAsync($"/verifier/{code}?s={token[..8]}{(token[8] == 'A' ? 'B' : 'A')}{token[9..]}");
        Assert.Contains("Code altéré", altered.Text, StringComparison.Ordinal);
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
            builder.UseSetting("Portal:PublicUrl", "https://localhost");
            builder.UseSetting("Email:PollInterval", "01:00:00");
        }
    }
}
