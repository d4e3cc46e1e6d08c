using System.Globalization;
using PdfSharp.Drawing;
using PdfSharp.Drawing.Layout;
using PdfSharp.Pdf;

namespace EServices.Web.Documents;

/// <param name="ExamAt">The exam's date and time as Ouagadougou reads it ("dd/MM/yyyy à HH:mm").</param>
public sealed record ConvocationContent(
    string ServiceName,
    string CompetitionTitle,
    string Corps,
    string CandidateName,
    DateOnly? BirthDate,
    string ExamNumber,
    string Centre,
    int? Room,
    int? Seat,
    string ExamAt,
    CheckAddress Check);

/// <summary>A candidate's convocation to a competition's written exams: the one place its layout lives. Millions are
/// rendered in one go (issue 18: 500 a second per core), so the fonts are made once per process, not per document.</summary>
public static class ConvocationPdf
{
    private const double Margin = 55;

    public const string Bring =
        "• votre carte nationale d'identité burkinabè (CNIB) en cours de validité : sans elle, l'accès à la salle est refusé ;\n" +
        "• cette convocation, imprimée ou sur votre téléphone ;\n" +
        "• de quoi écrire (stylos à bille bleu et noir, règle).\n" +
        "Présentez-vous au centre au moins 30 minutes avant le début des épreuves. Téléphones et documents sont interdits en salle.";

    private sealed record Fonts(XFont Title, XFont Label, XFont Text, XFont Number, XFont Small);

    private static readonly Dictionary<string, Fonts> ByFamily = new()
    {
        [PdfFonts.LatinFamily] = FontsOf(PdfFonts.LatinFamily),
        [PdfFonts.Family] = FontsOf(PdfFonts.Family),
    };

    private static Fonts FontsOf(string family)
    {
        PdfFonts.Install();
        return new(
            new XFont(family, 18, XFontStyleEx.Bold), new XFont(family, 10.5, XFontStyleEx.Bold), new XFont(family, 10.5, XFontStyleEx.Regular),
            new XFont(family, 15, XFontStyleEx.Bold), new XFont(family, 8.5, XFontStyleEx.Regular));
    }

    public static byte[] Render(ConvocationContent convocation)
    {
        var family = PdfFonts.FamilyFor(
            convocation.ServiceName, convocation.CompetitionTitle, convocation.Corps, convocation.CandidateName, convocation.ExamNumber,
            convocation.Centre, convocation.Check.Printed);
        var fonts = ByFamily[family];
        using var document = PdfPages.NewDocument($"Convocation {convocation.ExamNumber}");
        // Fastest deflate, as certificates: a few KB more per file for a throughput that counts in millions.
        document.Options.FlateEncodeMode = PdfFlateEncodeMode.BestSpeed;
        var page = document.AddA4Page();
        using var gfx = XGraphics.FromPdfPage(page);
        var width = page.WidthInside(Margin);
        var formatter = new XTextFormatter(gfx);
        var y = Letterhead.Draw(gfx, page, convocation.ServiceName, family);

        gfx.DrawString("CONVOCATION", fonts.Title, XBrushes.Black, new XRect(Margin, y, width, 24), XStringFormats.TopCenter);
        y += 26;
        gfx.DrawString("aux épreuves écrites du concours direct", fonts.Text, XBrushes.Black, new XRect(Margin, y, width, 14), XStringFormats.TopCenter);
        y += 20;
        var titleHeight = 14 * Math.Ceiling(convocation.CompetitionTitle.Length / 75.0);
        formatter.Alignment = XParagraphAlignment.Center;
        formatter.DrawString(convocation.CompetitionTitle, fonts.Label, XBrushes.Black, new XRect(Margin, y, width, titleHeight), XStringFormats.TopLeft);
        formatter.Alignment = XParagraphAlignment.Left;
        y += titleHeight + 16;

        gfx.DrawRectangle(new XPen(XColors.DarkGreen, 1), Margin, y, width, 30);
        gfx.DrawString($"Numéro de table : {convocation.ExamNumber}", fonts.Number, XBrushes.Black, new XRect(Margin, y + 6, width, 20), XStringFormats.TopCenter);
        y += 44;

        void Line(string name, string value)
        {
            gfx.DrawString(name, fonts.Label, XBrushes.Black, new XRect(Margin, y, 160, 14), XStringFormats.TopLeft);
            var height = 14 * Math.Ceiling(Math.Max(1, value.Length) / 55.0);
            formatter.DrawString(value, fonts.Text, XBrushes.Black, new XRect(Margin + 165, y, width - 165, height), XStringFormats.TopLeft);
            y += height + 7;
        }

        Line("Nom et prénoms :", convocation.CandidateName);
        if (convocation.BirthDate is { } born)
        {
            Line("Date de naissance :", born.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture));
        }

        Line("Corps :", convocation.Corps);
        Line("Centre d'examen :", convocation.Centre);
        Line("Salle :", Show(convocation.Room));
        Line("Place :", Show(convocation.Seat));
        Line("Date et heure :", convocation.ExamAt + " (heure de Ouagadougou)");

        y += 10;
        gfx.DrawString("À apporter le jour des épreuves", fonts.Label, XBrushes.Black, new XRect(Margin, y, width, 14), XStringFormats.TopLeft);
        y += 18;
        formatter.DrawString(Bring, fonts.Text, XBrushes.Black, new XRect(Margin + 8, y, width - 8, 100), XStringFormats.TopLeft);

        var qrTop = page.Height.Point - 175;
        QrCodes.Draw(page, convocation.Check.Signed, Margin, qrTop, 115);
        formatter.DrawString(
            "Convocation personnelle, signée électroniquement. Chacun peut vérifier son authenticité en scannant ce code ou à l'adresse :\n" + convocation.Check.Printed,
            fonts.Small, XBrushes.Black, new XRect(Margin + 130, qrTop + 10, width - 130, 60), XStringFormats.TopLeft);

        return document.ToBytes();
    }

    private static string Show(int? number) => number?.ToString(CultureInfo.InvariantCulture) ?? "—";
}
