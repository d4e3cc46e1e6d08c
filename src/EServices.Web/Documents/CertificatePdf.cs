using System.Globalization;
using PdfSharp.Drawing;
using PdfSharp.Drawing.Layout;
using PdfSharp.Pdf;

namespace EServices.Web.Documents;

public sealed record CertificateContent(
    string Title,
    string Number,
    string Body,
    string ServiceName,
    string Place,
    DateOnly Date,
    string SignatoryName,
    string SignatoryTitle,
    CheckAddress Check);

/// <summary>The certificate issued on acceptance: the one place its layout lives.</summary>
public static class CertificatePdf
{
    private const double Margin = 60;

    public static byte[] Render(CertificateContent certificate)
    {
        using var document = PdfPages.NewDocument($"{certificate.Title} {certificate.Number}");
        // Fastest deflate: a certificate costs ~15 % less for ~6 KB more (39 KB instead of 33 KB; 57 KB before the
        // cut-down font); acceptance throughput is the goal here, receipts keep the default.
        document.Options.FlateEncodeMode = PdfFlateEncodeMode.BestSpeed;
        var page = document.AddA4Page();
        using var gfx = XGraphics.FromPdfPage(page);
        var width = page.WidthInside(Margin);
        var heading = certificate.Title.ToUpperInvariant();
        var family = PdfFonts.FamilyFor(
            heading, certificate.Number, certificate.Body, certificate.ServiceName, certificate.Place,
            certificate.SignatoryName, certificate.SignatoryTitle, certificate.Check.Printed, Letterhead.Ministry);
        var y = Letterhead.Draw(gfx, page, certificate.ServiceName, family) + 10;

        var title = new XFont(family, 17, XFontStyleEx.Bold);
        var regular = new XFont(family, 11, XFontStyleEx.Regular);
        var bold = new XFont(family, 11, XFontStyleEx.Bold);
        gfx.DrawString(heading, title, XBrushes.Black, new XRect(Margin, y, width, 24), XStringFormats.TopCenter);
        y += 28;
        gfx.DrawString($"N° {certificate.Number}", bold, XBrushes.Black, new XRect(Margin, y, width, 16), XStringFormats.TopCenter);
        y += 40;

        var formatter = new XTextFormatter(gfx) { Alignment = XParagraphAlignment.Justify };
        var bodyHeight = 360.0;
        formatter.DrawString(certificate.Body, regular, XBrushes.Black, new XRect(Margin, y, width, bodyHeight), XStringFormats.TopLeft);
        y += bodyHeight + 10;

        var date = certificate.Date.ToString("d MMMM yyyy", CultureInfo.GetCultureInfo("fr-FR"));
        gfx.DrawString($"{certificate.Place}, le {date}", regular, XBrushes.Black, new XRect(Margin, y, width, 16), XStringFormats.TopRight);
        y += 30;
        gfx.DrawString(certificate.SignatoryTitle, bold, XBrushes.Black, new XRect(Margin, y, width, 16), XStringFormats.TopRight);
        y += 50;
        gfx.DrawString(certificate.SignatoryName, bold, XBrushes.Black, new XRect(Margin, y, width, 16), XStringFormats.TopRight);

        var qrTop = page.Height.Point - 170;
        QrCodes.Draw(page, certificate.Check.Signed, Margin, qrTop, 110);
        var small = new XFont(family, 8, XFontStyleEx.Regular);
        new XTextFormatter(gfx).DrawString(
            "Document signé électroniquement. Vérifiez son authenticité en scannant ce code (la vérification fonctionne même hors connexion avec la clé publique du ministère) ou à l'adresse :\n" + certificate.Check.Printed,
            small, XBrushes.Black, new XRect(Margin + 125, qrTop + 10, width - 125, 60), XStringFormats.TopLeft);

        return document.ToBytes();
    }
}
