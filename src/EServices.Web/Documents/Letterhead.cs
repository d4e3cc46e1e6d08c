using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace EServices.Web.Documents;

/// <summary>The heading of every official document: the State, the motto, the ministry, the service.</summary>
public static class Letterhead
{
    public const string Ministry = "Ministère de la Fonction publique, du Travail et de la Protection sociale";

    /// <summary>Draws the letterhead in the document's font family and returns the height below it.</summary>
    public static double Draw(XGraphics gfx, PdfPage page, string serviceName, string family = PdfFonts.Family)
    {
        const double margin = 50;
        var width = page.WidthInside(margin);
        var bold = new XFont(family, 12, XFontStyleEx.Bold);
        var regular = new XFont(family, 9, XFontStyleEx.Regular);
        var y = 40.0;
        gfx.DrawString("BURKINA FASO", bold, XBrushes.Black, new XRect(margin, y, width, 16), XStringFormats.TopCenter);
        y += 16;
        gfx.DrawString("Unité – Progrès – Justice", regular, XBrushes.Black, new XRect(margin, y, width, 14), XStringFormats.TopCenter);
        y += 22;
        gfx.DrawString(Ministry, regular, XBrushes.Black, new XRect(margin, y, width, 14), XStringFormats.TopCenter);
        y += 14;
        gfx.DrawString(serviceName, regular, XBrushes.Black, new XRect(margin, y, width, 14), XStringFormats.TopCenter);
        y += 22;
        gfx.DrawLine(new XPen(XColors.DarkGreen, 1.5), margin, y, margin + width, y);
        return y + 24;
    }
}
