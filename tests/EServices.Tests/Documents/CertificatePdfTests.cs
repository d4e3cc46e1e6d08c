using EServices.Tests.Features.Filing;
using EServices.Tests.Infrastructure;
using EServices.Web.Documents;

namespace EServices.Tests.Documents;

/// <summary>The QR codes are drawn as vector squares: a phone (pdftoppm + zbarimg) must read back the exact address.</summary>
public sealed class CertificatePdfTests
{
    private static CertificateContent Certificate(string number, CheckAddress check) => new(
        "Attestation de travail",
        number,
        $"Le présent document, n° {number}, est délivré à Awa OUÉDRAOGO pour servir et valoir ce que de droit.",
        "Direction générale de la Fonction publique",
        IssueCertificate.Place,
        new DateOnly(2027, 3, 26),
        "Boukary Kaboré",
        "Le Directeur général",
        check);

    private static CheckAddress Check(DocumentSigner signer, SignedFacts facts) =>
        CheckAddress.For(signer, "https://eservices.example.bf", IssueCertificate.NewCode(), facts);

    [Fact]
    public async Task The_QR_code_of_a_certificate_reads_back_as_its_whole_verification_address()
    {
        using var signer = new DocumentSigner(DocumentSigner.NewPrivateKeyPem());
        var check = Check(signer, new SignedFacts(DocumentKind.Certificate, "ATT-2027-000042", "Awa OUÉDRAOGO", new DateOnly(2027, 3, 26)));

        var pdf = CertificatePdf.Render(Certificate("ATT-2027-000042", check));

        Assert.Equal(check.Signed, await QrReader.ReadAsync(pdf));
        var text = FilingTests.PdfText(pdf);
        Assert.Contains("N° ATT-2027-000042", text, StringComparison.Ordinal);
        Assert.Contains(check.Printed, text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_QR_code_of_a_receipt_reads_back_as_its_whole_verification_address()
    {
        using var signer = new DocumentSigner(DocumentSigner.NewPrivateKeyPem());
        var check = Check(signer, new SignedFacts(DocumentKind.Receipt, "AGRE-2027-000042", "Awa OUÉDRAOGO", new DateOnly(2027, 3, 26)));

        var pdf = ReceiptPdf.Render(new ReceiptContent("AGRE-2027-000042", "Inscription à un concours direct", "Agence générale de recrutement de l'État", "Awa OUÉDRAOGO", new DateTimeOffset(2027, 3, 26, 10, 0, 0, TimeSpan.Zero), [], null, check));

        Assert.Equal(check.Signed, await QrReader.ReadAsync(pdf));
        Assert.Contains(check.Printed, FilingTests.PdfText(pdf), StringComparison.Ordinal);
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
        using var signer = new DocumentSigner(DocumentSigner.NewPrivateKeyPem());
        var check = Check(signer, new SignedFacts(DocumentKind.Certificate, "ATT-2027-000043", "Ирина Αθηνά OUÉDRAOGO", new DateOnly(2027, 3, 26)));
        var pdf = CertificatePdf.Render(Certificate("ATT-2027-000043", check) with { Body = "Délivré à Ирина Αθηνά OUÉDRAOGO." });

        Assert.Contains("Ирина Αθηνά OUÉDRAOGO.", FilingTests.PdfText(pdf), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Certificates_rendered_at_once_on_several_threads_each_carry_their_own_number_and_code()
    {
        var numbers = Enumerable.Range(1, 8).Select(n => $"ATT-2027-{n:D6}").ToList();
        using var signer = new DocumentSigner(DocumentSigner.NewPrivateKeyPem());
        var checks = numbers.ToDictionary(n => n, n => Check(signer, new SignedFacts(DocumentKind.Certificate, n, "Awa OUÉDRAOGO", new DateOnly(2027, 3, 26))));

        var pdfs = await Task.WhenAll(numbers.Select(n => Task.Run(() => (Number: n, Pdf: CertificatePdf.Render(Certificate(n, checks[n]))))));

        foreach (var (number, pdf) in pdfs)
        {
            Assert.Contains($"N° {number}", FilingTests.PdfText(pdf), StringComparison.Ordinal);
            Assert.Equal(checks[number].Signed, await QrReader.ReadAsync(pdf));
        }
    }
}
