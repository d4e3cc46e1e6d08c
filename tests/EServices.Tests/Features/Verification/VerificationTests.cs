using System.Net;
using System.Text.RegularExpressions;
using EServices.Tests.Features.Filing;
using EServices.Tests.Infrastructure;

namespace EServices.Tests.Features.Verification;

[Collection(WebCollection.Name)]
public sealed partial class VerificationTests(HostFixture host)
{
    [Fact]
    public async Task The_receipt_QR_address_says_genuine_with_a_masked_name_and_a_tampered_code_is_not_found()
    {
        using var session = host.NewSession();
        await TestUsers.SignUpAsync(session, "Awa", "Ouédraogo");
        var number = await AttestationJourney.FileAsync(session);
        var (_, pdf, _) = await session.DownloadAsync($"/mes-demandes/{number}/recepisse");
        var url = VerificationUrl().Match(FilingTests.PdfText(pdf)).Value;
        var path = new Uri(url).AbsolutePath;

        using var anyone = host.NewSession();
        var check = await anyone.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, check.Status);
        Assert.Contains("Document authentique", check.Text, StringComparison.Ordinal);
        Assert.Contains(number, check.Text, StringComparison.Ordinal);
        Assert.Contains("Attestation de travail", check.Text, StringComparison.Ordinal);
        Assert.Contains("A** O********", check.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Ouédraogo", check.Text, StringComparison.OrdinalIgnoreCase);

        var code = path.Split('/').Last();
        var tampered = await anyone.GetAsync($"/verifier/{(code[0] == 'a' ? 'b' : 'a')}{code[1..]}");
        Assert.Equal(HttpStatusCode.NotFound, tampered.Status);
        Assert.Contains("Document introuvable", tampered.Text, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"https?://\S+/verifier/[0-9a-f]+")]
    private static partial Regex VerificationUrl();
}
