using EServices.Tests.Features.Filing;
using EServices.Tests.Infrastructure;
using EServices.Web.Documents;

namespace EServices.Tests.Documents;

/// <summary>The QR codes are drawn as vector squares: a phone (pdftoppm + zbarimg) must read back the exact address.</summary>
public sealed class CertificatePdfTests
{
    private static CertificateContent Certificate(string number, string url) => new(
        "Attestation de travail",
        number,
        $"Le présent document, n° {number}, est délivré à Awa OUÉDRAOGO pour servir et valoir ce que de droit.",
        "Direction générale de la Fonction publique",
        IssueCertificate.Place,
        new DateOnly(2027, 3, 26),
        "Boukary Kaboré",
        "Le Directeur général",
        url);

    private static string Url(string token) => $"https://eservices.example.bf/verifier/{IssueCertificate.NewCode()}?s={token}";

    [Fact]
    public async Task The_QR_code_of_a_certificate_reads_back_as_its_whole_verification_address()
    {
        using var signer = new DocumentSigner(DocumentSigner.NewPrivateKeyPem());
        var url = Url(signer.Sign(new SignedFacts(DocumentKind.Certificate, "ATT-2027-000042", "Awa OUÉDRAOGO", new DateOnly(2027, 3, 26), "0123456789abcdef")));

        var pdf = CertificatePdf.Render(Certificate("ATT-2027-000042", url));

        Assert.Equal(url, await QrReader.ReadAsync(pdf));
        Assert.Contains("N° ATT-2027-000042", FilingTests.PdfText(pdf), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_QR_code_of_a_receipt_reads_back_as_its_whole_verification_address()
    {
        var url = Url("receipt-token");

        var pdf = ReceiptPdf.Render(new ReceiptContent("AGRE-2027-000042", "Inscription à un concours direct", "Agence générale de recrutement de l'État", "Awa OUÉDRAOGO", new DateTimeOffset(2027, 3, 26, 10, 0, 0, TimeSpan.Zero), [], null, url));

        Assert.Equal(url, await QrReader.ReadAsync(pdf));
    }

    [Fact]
    public void The_cut_down_Latin_font_serves_French_and_Burkinabe_names_and_the_whole_font_the_rest()
    {
        Assert.Equal(PdfFonts.LatinFamily, PdfFonts.FamilyFor("Awa OUÉDRAOGO", "« Récépissé » – n° 12 : 5 000 € œuvre", "Ŋ ɛ ɔ ʋ ɩ Ɛ Ɔ Ʋ Ɩ ẽ", null));
        Assert.Equal(PdfFonts.Family, PdfFonts.FamilyFor("Awa OUÉDRAOGO", "Αθηνά Παπαδοπούλου"));
        Assert.Equal(PdfFonts.Family, PdfFonts.FamilyFor("Ирина"));
        Assert.Equal(PdfFonts.Family, PdfFonts.FamilyFor("µ".ToUpperInvariant())); // the micro sign is Latin-1, its capital Greek
    }

    [Fact]
    public void A_certificate_with_a_name_outside_the_Latin_scripts_keeps_every_letter()
    {
        var pdf = CertificatePdf.Render(Certificate("ATT-2027-000043", Url("token")) with { Body = "Délivré à Ирина Αθηνά OUÉDRAOGO." });

        Assert.Contains("Ирина Αθηνά OUÉDRAOGO.", FilingTests.PdfText(pdf), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Certificates_rendered_at_once_on_several_threads_each_carry_their_own_number_and_code()
    {
        var numbers = Enumerable.Range(1, 8).Select(n => $"ATT-2027-{n:D6}").ToList();
        var urls = numbers.ToDictionary(n => n, n => Url(n));

        var pdfs = await Task.WhenAll(numbers.Select(n => Task.Run(() => (Number: n, Pdf: CertificatePdf.Render(Certificate(n, urls[n]))))));

        foreach (var (number, pdf) in pdfs)
        {
            Assert.Contains($"N° {number}", FilingTests.PdfText(pdf), StringComparison.Ordinal);
            Assert.Equal(urls[number], await QrReader.ReadAsync(pdf));
        }
    }
}
