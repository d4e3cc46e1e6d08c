using System.Globalization;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace EServices.Web.Documents;

public sealed record ResultsListHeading(string Service, string Session, string Competition, DateTimeOffset PublishedAt);

public sealed record ResultsListLine(string ExamNumber, string Name, string Centre);

/// <summary>The public list of a competition's admitted candidates (exam number, name, centre), in the order given, on
/// numbered A4 pages under the letterhead. 20 000 names make 420 pages and seconds of work: the list is rendered once per
/// publication and node and then kept (Features/Results/AdmittedListFiles), never per request.</summary>
public static class ResultsListPdf
{
    private const double Margin = 50, NameX = 145, CentreX = 400, Row = 15;
    private const int FirstPageRows = 36, PageRows = 48;

    public static int PageCount(int rows) => rows <= FirstPageRows ? 1 : 1 + ((rows - FirstPageRows + PageRows - 1) / PageRows);

    public static byte[] Render(ResultsListHeading heading, IReadOnlyList<ResultsListLine> lines)
    {
        using var document = PdfPages.NewDocument($"Liste des admis – {heading.Competition}");
        document.Options.FlateEncodeMode = PdfFlateEncodeMode.BestSpeed;
        var family = PdfFonts.FamilyFor([heading.Service, heading.Session, heading.Competition, .. lines.Select(l => l.ExamNumber + l.Name + l.Centre)]);
        var text = new XFont(family, 9, XFontStyleEx.Regular);
        var bold = new XFont(family, 9, XFontStyleEx.Bold);
        var small = new XFont(family, 8, XFontStyleEx.Regular);
        var pages = PageCount(lines.Count);
        for (int number = 0, next = 0; number < pages; number++)
        {
            var page = document.AddA4Page();
            using var gfx = XGraphics.FromPdfPage(page);
            var right = page.Width.Point - Margin;
            double y;
            if (number == 0)
            {
                y = Letterhead.Draw(gfx, page, heading.Service, family);
                y = Centred(gfx, "Liste des candidats admis", new XFont(family, 14, XFontStyleEx.Bold), y, 22);
                y = Centred(gfx, heading.Competition, new XFont(family, 11, XFontStyleEx.Bold), y, 16);
                y = Centred(gfx, heading.Session, text, y, 14);
                var count = lines.Count.ToString("N0", CultureInfo.GetCultureInfo("fr-FR"));
                y = Centred(gfx, $"Résultats publiés le {Day(heading.PublishedAt)} – {count} admis, par ordre alphabétique", text, y, 24);
            }
            else
            {
                Cell(gfx, $"Liste des candidats admis – {heading.Competition}", small, Margin, 40, right);
                y = 62;
            }

            Cell(gfx, "N° de table", bold, Margin, y, NameX);
            Cell(gfx, "Nom et prénoms", bold, NameX, y, CentreX);
            Cell(gfx, "Centre", bold, CentreX, y, right);
            gfx.DrawLine(new XPen(XColors.Black, 0.5), Margin, y + 13, right, y + 13);
            y += 17;
            for (var end = Math.Min(lines.Count, next + (number == 0 ? FirstPageRows : PageRows)); next < end; next++, y += Row)
            {
                Cell(gfx, lines[next].ExamNumber, text, Margin, y, NameX);
                Cell(gfx, lines[next].Name, text, NameX, y, CentreX);
                Cell(gfx, lines[next].Centre, text, CentreX, y, right);
            }

            Centred(gfx, $"Page {number + 1} sur {pages}", small, page.Height.Point - 34, 0);
        }

        return document.ToBytes();
    }

    /// <summary>A line centred between the margins, cut to fit; returns the top of the next one.</summary>
    private static double Centred(XGraphics gfx, string line, XFont font, double y, double height)
    {
        var width = gfx.PageSize.Width - (2 * Margin);
        gfx.DrawString(Fit(gfx, line, font, width), font, XBrushes.Black, new XRect(Margin, y, width, font.Size + 4), XStringFormats.TopCenter);
        return y + height;
    }

    /// <summary>Text in a column from <paramref name="x"/> to 8 points before <paramref name="end"/>, cut with « … » when longer.</summary>
    private static void Cell(XGraphics gfx, string value, XFont font, double x, double y, double end) =>
        gfx.DrawString(Fit(gfx, value, font, end - x - 8), font, XBrushes.Black, x, y, XStringFormats.TopLeft);

    private static string Fit(XGraphics gfx, string value, XFont font, double width)
    {
        var end = value.Length;
        while (end > 0 && gfx.MeasureString(end == value.Length ? value : value[..end].TrimEnd() + "…", font).Width > width)
        {
            end--;
        }

        return end == value.Length ? value : value[..end].TrimEnd() + "…";
    }

    private static string Day(DateTimeOffset at) => at.ToOffset(TimeSpan.Zero).ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);
}
