using System.Globalization;
using System.IO.Compression;
using System.Text;

namespace EServices.Web.Documents;

public sealed record ResultsListHeading(string Service, string Session, string Competition, DateTimeOffset PublishedAt, int Count);

public sealed record ResultsListLine(string ExamNumber, string Name, string Centre);

/// <summary>
/// The public PDF list of a competition's admitted candidates (exam number, name, centre), in name order, on numbered A4
/// pages under the letterhead. 20 000 names make 450 pages: PDFsharp would hold them all in memory, so this file writes the
/// PDF itself, one page at a time, straight to the response, from rows read as they come: memory holds one page whatever
/// the count. The fonts are the PDF standard Helvetica (nothing to embed) in WinAnsi, which carries French accents; a
/// character outside it prints as « ? ».
/// </summary>
public static class ResultsListPdf
{
    private const double Left = 50, Width = 495, NameX = 145, CentreX = 400, Row = 15;
    private const int FirstPageRows = 36, PageRows = 46;
    private const int FirstPageObject = 6; // 1 catalog, 2 pages, 3 and 4 fonts, 5 info; then each page and its content

    public static int PageCount(int rows) => rows <= FirstPageRows ? 1 : 1 + ((rows - FirstPageRows + PageRows - 1) / PageRows);

    public static async Task WriteAsync(Stream output, ResultsListHeading heading, IAsyncEnumerable<ResultsListLine> lines, CancellationToken ct)
    {
        var pages = PageCount(heading.Count);
        var file = new ObjectWriter(output, FirstPageObject + (2 * pages));
        await file.HeaderAsync(ct);
        await file.ObjectAsync(1, Ascii("<< /Type /Catalog /Pages 2 0 R >>"), ct);
        var kids = string.Join(' ', Enumerable.Range(0, pages).Select(p => $"{FirstPageObject + (2 * p)} 0 R"));
        await file.ObjectAsync(2, Ascii($"<< /Type /Pages /Kids [{kids}] /Count {pages} /MediaBox [0 0 595 842] >>"), ct);
        await file.ObjectAsync(3, Ascii("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"), ct);
        await file.ObjectAsync(4, Ascii("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>"), ct);
        var info = new Content();
        info.Raw("<< /Title ").Literal($"Liste des admis – {heading.Competition}").Raw($" /Author ({PdfPages.Author}) >>");
        await file.ObjectAsync(5, info.Bytes(), ct);

        var number = 0;
        var page = FirstPage(heading);
        var written = 0;
        await foreach (var line in lines.WithCancellation(ct))
        {
            if (written == (number == 0 ? FirstPageRows : PageRows))
            {
                if (number + 1 == pages)
                {
                    break; // more rows than counted: the list was counted first, and published results no longer change
                }

                await file.PageAsync(number++, pages, page, ct);
                page = NextPage(heading);
                written = 0;
            }

            var y = (number == 0 ? 608 : 763) - (written++ * Row);
            page.Text(false, 9, Left, y, Fit(line.ExamNumber, false, 9, NameX - Left - 8));
            page.Text(false, 9, NameX, y, Fit(line.Name, false, 9, CentreX - NameX - 8));
            page.Text(false, 9, CentreX, y, Fit(line.Centre, false, 9, Left + Width - CentreX));
        }

        for (; number < pages; number++, page = NextPage(heading))
        {
            await file.PageAsync(number, pages, page, ct);
        }

        await file.EndAsync(ct);
    }

    private static Content FirstPage(ResultsListHeading h)
    {
        var page = new Content();
        page.Centred(true, 12, 800, "BURKINA FASO").Centred(false, 9, 786, "Unité – Progrès – Justice")
            .Centred(false, 9, 766, Letterhead.Ministry).Centred(false, 9, 752, h.Service)
            .Raw($"0 0.39 0 RG 1.5 w {Left} 736 m {Left + Width} 736 l S 0 g\n");
        page.Centred(true, 14, 708, "Liste des candidats admis").Centred(true, 11, 688, Fit(h.Competition, true, 11, Width))
            .Centred(false, 9, 672, Fit(h.Session, false, 9, Width))
            .Centred(false, 9, 658, $"Résultats publiés le {Day(h.PublishedAt)} – {h.Count.ToString("N0", CultureInfo.GetCultureInfo("fr-FR"))} admis, par ordre alphabétique");
        return Columns(page, 630);
    }

    private static Content NextPage(ResultsListHeading h) =>
        Columns(new Content().Text(false, 8, Left, 805, Fit($"Liste des candidats admis – {h.Competition}", false, 8, Width)), 785);

    private static Content Columns(Content page, double y) =>
        page.Text(true, 9, Left, y, "N° de table").Text(true, 9, NameX, y, "Nom et prénoms").Text(true, 9, CentreX, y, "Centre")
            .Raw($"0.5 w {Left} {y - 5} m {Left + Width} {y - 5} l S\n");

    private static string Day(DateTimeOffset at) => at.ToOffset(TimeSpan.Zero).ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);

    private static byte[] Ascii(string text) => Encoding.ASCII.GetBytes(text);

    /// <summary>The text, cut with « … » to fit <paramref name="width"/> points.</summary>
    private static string Fit(string text, bool bold, double size, double width)
    {
        if (Content.Measure(text, bold, size) <= width)
        {
            return text;
        }

        var end = text.Length;
        while (end > 0 && Content.Measure(text[..end] + "…", bold, size) > width)
        {
            end--;
        }

        return text[..end].TrimEnd() + "…";
    }

    /// <summary>A page's drawing operators, or any PDF object, as bytes (strings in WinAnsi).</summary>
    private sealed class Content
    {
        // Helvetica and Helvetica-Bold advance widths (Adobe's AFM) of the characters 32 to 126, in thousandths of the size.
        private static readonly short[] Regular = [278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556, 1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556, 333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556, 556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584];
        private static readonly short[] Bold = [278, 333, 474, 556, 556, 889, 722, 238, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 333, 333, 584, 584, 584, 611, 975, 722, 722, 722, 722, 667, 611, 778, 722, 278, 556, 722, 611, 833, 722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 333, 278, 333, 584, 556, 333, 556, 611, 556, 611, 556, 333, 611, 611, 278, 278, 556, 278, 889, 611, 611, 611, 611, 389, 556, 333, 611, 556, 778, 556, 556, 500, 389, 280, 389, 584];
        private static readonly Dictionary<char, byte> WinAnsi = new()
        {
            ['€'] = 0x80, ['‚'] = 0x82, ['„'] = 0x84, ['…'] = 0x85, ['Š'] = 0x8A, ['‹'] = 0x8B, ['Œ'] = 0x8C, ['Ž'] = 0x8E, ['‘'] = 0x91,
            ['’'] = 0x92, ['“'] = 0x93, ['”'] = 0x94, ['•'] = 0x95, ['–'] = 0x96, ['—'] = 0x97, ['š'] = 0x9A, ['›'] = 0x9B, ['œ'] = 0x9C,
            ['ž'] = 0x9E, ['Ÿ'] = 0x9F, ['\u202F'] = 0xA0,
        };

        private readonly List<byte> _bytes = [];

        public static double Measure(string text, bool bold, double size)
        {
            var widths = bold ? Bold : Regular;
            var sum = 0;
            foreach (var c in text)
            {
                var basic = c < 128 ? c : c.ToString().Normalize(NormalizationForm.FormD)[0];
                sum += basic is >= ' ' and <= '~' ? widths[basic - ' '] : 556;
            }

            return sum * size / 1000;
        }

        public Content Raw(string operators)
        {
            _bytes.AddRange(Encoding.ASCII.GetBytes(operators));
            return this;
        }

        /// <summary>A PDF literal string: WinAnsi bytes, with ( ) \ escaped.</summary>
        public Content Literal(string text)
        {
            _bytes.Add((byte)'(');
            foreach (var c in text)
            {
                var b = c is >= ' ' and <= '~' or >= '\u00A0' and <= '\u00FF' ? (byte)c : WinAnsi.GetValueOrDefault(c, (byte)'?');
                if (b is (byte)'(' or (byte)')' or (byte)'\\')
                {
                    _bytes.Add((byte)'\\');
                }

                _bytes.Add(b);
            }

            _bytes.Add((byte)')');
            return this;
        }

        public Content Text(bool bold, double size, double x, double y, string text) =>
            Raw(string.Create(CultureInfo.InvariantCulture, $"BT /F{(bold ? 2 : 1)} {size} Tf {x:0.##} {y:0.##} Td ")).Literal(text).Raw(" Tj ET\n");

        public Content Centred(bool bold, double size, double y, string text) =>
            Text(bold, size, Left + ((Width - Measure(text, bold, size)) / 2), y, text);

        public byte[] Bytes() => _bytes.ToArray();
    }

    /// <summary>Writes numbered objects in order and remembers where each starts, for the cross-reference table.</summary>
    private sealed class ObjectWriter(Stream output, int objects)
    {
        private readonly long[] _offsets = new long[objects];
        private long _position;

        public Task HeaderAsync(CancellationToken ct) => WriteAsync([.. "%PDF-1.4\n%"u8, 0xE2, 0xE3, 0xCF, 0xD3, (byte)'\n'], ct);

        public async Task ObjectAsync(int id, byte[] body, CancellationToken ct)
        {
            _offsets[id - 1] = _position;
            await WriteAsync(Ascii($"{id} 0 obj\n"), ct);
            await WriteAsync(body, ct);
            await WriteAsync("\nendobj\n"u8.ToArray(), ct);
        }

        public async Task PageAsync(int index, int pages, Content page, CancellationToken ct)
        {
            var id = FirstPageObject + (2 * index);
            page.Centred(false, 8, 35, $"Page {index + 1} sur {pages}");
            using var packed = new MemoryStream();
            await using (var zlib = new ZLibStream(packed, CompressionLevel.Fastest, leaveOpen: true))
            {
                await zlib.WriteAsync(page.Bytes(), ct);
            }

            await ObjectAsync(id, Ascii($"<< /Type /Page /Parent 2 0 R /Resources << /Font << /F1 3 0 R /F2 4 0 R >> >> /Contents {id + 1} 0 R >>"), ct);
            await ObjectAsync(id + 1, [.. Ascii($"<< /Length {packed.Length} /Filter /FlateDecode >>\nstream\n"), .. packed.ToArray(), .. "\nendstream"u8], ct);
        }

        public async Task EndAsync(CancellationToken ct)
        {
            var table = new StringBuilder($"xref\n0 {objects + 1}\n0000000000 65535 f \n");
            foreach (var offset in _offsets)
            {
                table.Append(CultureInfo.InvariantCulture, $"{offset:D10} 00000 n \n");
            }

            table.Append(CultureInfo.InvariantCulture, $"trailer\n<< /Size {objects + 1} /Root 1 0 R /Info 5 0 R >>\nstartxref\n{_position}\n%%EOF\n");
            await WriteAsync(Ascii(table.ToString()), ct);
            await output.FlushAsync(ct);
        }

        private async Task WriteAsync(byte[] bytes, CancellationToken ct)
        {
            await output.WriteAsync(bytes, ct);
            _position += bytes.Length;
        }
    }
}
