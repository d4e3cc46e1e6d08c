using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace EServices.Web.Documents;

public sealed record SummarySection(string Title, IReadOnlyList<(string Label, string Value)> Lines);

/// <param name="Title">The heading, when it is not the paper file of a filed request.</param>
/// <param name="Signature">The sentence the applicant signs under, and a box for the signature: the summary a clerk prints
/// at a counter for a citizen without a phone.</param>
public sealed record RequestSummary(string Number, string ProcedureTitle, string ServiceName, string Status, IReadOnlyList<SummarySection> Sections,
    string? Title = null, string? Signature = null);

/// <summary>A printable summary of a request for the paper file: answers, documents, timeline, on as many pages as needed.</summary>
public static class RequestSummaryPdf
{
    private const double Margin = 50;
    private const double LabelWidth = 170;

    public static byte[] Render(RequestSummary summary)
    {
        // No author, as before: the paper file is the service's, not a document the portal issues.
        using var document = PdfPages.NewDocument($"Dossier {summary.Number}", author: null);
        var writer = new PageWriter(document, summary.ServiceName);
        writer.Title(summary.Title ?? $"Dossier de la demande {summary.Number}");
        writer.Line("Démarche", summary.ProcedureTitle);
        writer.Line("État", summary.Status);
        foreach (var section in summary.Sections)
        {
            writer.Heading(section.Title);
            foreach (var (label, value) in section.Lines)
            {
                writer.Line(label, value);
            }
        }

        if (summary.Signature is not null)
        {
            writer.SignatureBox(summary.Signature);
        }

        writer.Dispose();
        return document.ToBytes();
    }

    /// <summary>Writes lines down the page and starts a new page when one is full.</summary>
    private sealed class PageWriter : IDisposable
    {
        private readonly PdfDocument _document;
        private readonly XFont _bold = new(PdfFonts.Family, 10, XFontStyleEx.Bold);
        private readonly XFont _regular = new(PdfFonts.Family, 10, XFontStyleEx.Regular);
        private XGraphics _gfx;
        private PdfPage _page;
        private double _y;

        public PageWriter(PdfDocument document, string serviceName)
        {
            _document = document;
            _page = document.AddA4Page();
            _gfx = XGraphics.FromPdfPage(_page);
            _y = Letterhead.Draw(_gfx, _page, serviceName);
        }

        private double Width => _page.WidthInside(Margin);

        public void Title(string text)
        {
            _gfx.DrawString(text, new XFont(PdfFonts.Family, 14, XFontStyleEx.Bold), XBrushes.Black, new XRect(Margin, _y, Width, 20), XStringFormats.TopCenter);
            _y += 30;
        }

        public void Heading(string text)
        {
            Room(40);
            _y += 8;
            _gfx.DrawString(text, new XFont(PdfFonts.Family, 12, XFontStyleEx.Bold), XBrushes.DarkGreen, new XRect(Margin, _y, Width, 16), XStringFormats.TopLeft);
            _y += 20;
        }

        public void Line(string label, string value)
        {
            var labelLines = Wrap(label, _bold, LabelWidth - 5);
            var valueLines = Wrap(value, _regular, Width - LabelWidth);
            for (var i = 0; i < Math.Max(labelLines.Count, valueLines.Count); i++)
            {
                Room(14);
                if (i < labelLines.Count)
                {
                    _gfx.DrawString(labelLines[i], _bold, XBrushes.Black, new XPoint(Margin, _y + 10));
                }

                if (i < valueLines.Count)
                {
                    _gfx.DrawString(valueLines[i], _regular, XBrushes.Black, new XPoint(Margin + LabelWidth, _y + 10));
                }

                _y += 13;
            }

            _y += 3;
        }

        public void SignatureBox(string sentence)
        {
            Room(130);
            Heading("Confirmation du demandeur");
            Line("", sentence);
            Line("Fait à", "............................................   le ....... / ....... / ...........");
            _gfx.DrawString("Signature du demandeur :", _bold, XBrushes.Black, new XPoint(Margin, _y + 10));
            _gfx.DrawRectangle(XPens.Black, Margin + LabelWidth, _y, Width - LabelWidth, 70);
            _y += 80;
        }

        public void Dispose() => _gfx.Dispose();

        private void Room(double height)
        {
            if (_y + height <= _page.Height.Point - Margin)
            {
                return;
            }

            _gfx.Dispose();
            _page = _document.AddA4Page();
            _gfx = XGraphics.FromPdfPage(_page);
            _y = Margin;
        }

        private List<string> Wrap(string text, XFont font, double width)
        {
            var lines = new List<string>();
            foreach (var paragraph in text.Split('\n'))
            {
                var line = "";
                foreach (var word in paragraph.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                {
                    var candidate = line.Length == 0 ? word : $"{line} {word}";
                    if (line.Length > 0 && _gfx.MeasureString(candidate, font).Width > width)
                    {
                        lines.Add(line);
                        line = word;
                    }
                    else
                    {
                        line = candidate;
                    }
                }

                lines.Add(line);
            }

            return lines;
        }
    }
}
