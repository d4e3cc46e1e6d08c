using System.Globalization;
using System.IO.Compression;
using System.Text;

namespace EServices.Tests.Infrastructure;

/// <summary>Writes well-formed PDFs object by object (cross-reference tables and streams included), so that a test can
/// say exactly which objects a file holds and where: plain, packed in a compressed object stream, or appended after %%EOF.</summary>
public static class PdfForge
{
    /// <summary>Catalog (1), pages (2) and one page (3), with what the test adds to the catalog and the page; more
    /// objects are numbered from 4.</summary>
    public static string[] OnePage(string catalog = "", string page = "", params string[] more) =>
    [
        $"<< /Type /Catalog /Pages 2 0 R {catalog} >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        $"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] {page} >>",
        .. more,
    ];

    /// <summary>A PDF 1.4 file with a cross-reference table; padded with a comment to <paramref name="size"/> bytes when given.</summary>
    public static byte[] Document(IReadOnlyList<string> objects, int size = 0)
    {
        var pad = 0;
        while (true)
        {
            var pdf = Write(objects, pad);
            if (size == 0 || pdf.Length == size)
            {
                return pdf;
            }

            pad += size - pdf.Length;
        }
    }

    private static byte[] Write(IReadOnlyList<string> objects, int pad)
    {
        var pdf = new MemoryStream();
        Put(pdf, "%PDF-1.4\n%\u00e2\u00e3\u00cf\u00d3\n");
        if (pad > 2)
        {
            Put(pdf, "%" + new string('a', pad - 2) + "\n");
        }

        var offsets = new List<long>();
        for (var n = 1; n <= objects.Count; n++)
        {
            offsets.Add(pdf.Position);
            Put(pdf, $"{n} 0 obj\n{objects[n - 1]}\nendobj\n");
        }

        var xref = pdf.Position;
        Put(pdf, $"xref\n0 {objects.Count + 1}\n0000000000 65535 f \n");
        foreach (var offset in offsets)
        {
            Put(pdf, $"{offset:D10} 00000 n \n");
        }

        Put(pdf, $"trailer\n<< /Size {objects.Count + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n");
        return pdf.ToArray();
    }

    /// <summary>A PDF 1.5 file whose objects <paramref name="packed"/> (numbered after the direct ones) sit in one
    /// Flate-compressed object stream, found through a cross-reference stream, as Word or Acrobat write them.</summary>
    public static byte[] WithObjectStream(IReadOnlyList<string> direct, IReadOnlyList<string> packed, string streamExtra = "")
    {
        var pdf = new MemoryStream();
        Put(pdf, "%PDF-1.5\n%\u00e2\u00e3\u00cf\u00d3\n");
        var offsets = new List<long>();
        for (var n = 1; n <= direct.Count; n++)
        {
            offsets.Add(pdf.Position);
            Put(pdf, $"{n} 0 obj\n{direct[n - 1]}\nendobj\n");
        }

        var header = new StringBuilder();
        var body = new StringBuilder();
        for (var k = 0; k < packed.Count; k++)
        {
            header.Append(CultureInfo.InvariantCulture, $"{direct.Count + 1 + k} {body.Length} ");
            body.Append(packed[k]).Append('\n');
        }

        var first = header.Length + 1;
        var compressed = Deflate(Encoding.Latin1.GetBytes(header + "\n" + body));
        var streamNumber = direct.Count + packed.Count + 1;
        var streamOffset = pdf.Position;
        Put(pdf, $"{streamNumber} 0 obj\n<< /Type /ObjStm /N {packed.Count} /First {first} /Filter /FlateDecode /Length {compressed.Length} {streamExtra} >>\nstream\n");
        pdf.Write(compressed);
        Put(pdf, "\nendstream\nendobj\n");

        var xrefNumber = streamNumber + 1;
        var xrefOffset = pdf.Position;
        var rows = new MemoryStream();
        void Row(int type, long field2, int field3)
        {
            rows.WriteByte((byte)type);
            rows.Write([(byte)(field2 >> 24), (byte)(field2 >> 16), (byte)(field2 >> 8), (byte)field2]);
            rows.Write([(byte)(field3 >> 8), (byte)field3]);
        }

        Row(0, 0, 65535);
        offsets.ForEach(o => Row(1, o, 0));
        for (var k = 0; k < packed.Count; k++)
        {
            Row(2, streamNumber, k);
        }

        Row(1, streamOffset, 0);
        Row(1, xrefOffset, 0);
        var table = rows.ToArray();
        Put(pdf, $"{xrefNumber} 0 obj\n<< /Type /XRef /Size {xrefNumber + 1} /W [1 4 2] /Root 1 0 R /Length {table.Length} >>\nstream\n");
        pdf.Write(table);
        Put(pdf, $"\nendstream\nendobj\nstartxref\n{xrefOffset}\n%%EOF\n");
        return pdf.ToArray();
    }

    /// <summary>An incremental update, as a signing tool or an editor appends one after %%EOF: these objects (by number)
    /// replace or add to the original's, through a new cross-reference section pointing back to the previous one.</summary>
    public static byte[] Append(byte[] original, IReadOnlyDictionary<int, string> objects)
    {
        var text = Encoding.Latin1.GetString(original);
        var startxref = text.LastIndexOf("startxref", StringComparison.Ordinal);
        var previous = long.Parse(text[(startxref + 9)..].Trim().Split('\n')[0], CultureInfo.InvariantCulture);
        var size = int.Parse(text[(text.LastIndexOf("/Size ", StringComparison.Ordinal) + 6)..].Split(' ', '/', '>')[0], CultureInfo.InvariantCulture);

        var pdf = new MemoryStream();
        pdf.Write(original);
        var offsets = new SortedDictionary<int, long>();
        foreach (var (n, body) in objects)
        {
            offsets[n] = pdf.Position;
            Put(pdf, $"{n} 0 obj\n{body}\nendobj\n");
        }

        var xref = pdf.Position;
        Put(pdf, "xref\n");
        foreach (var (n, offset) in offsets)
        {
            Put(pdf, $"{n} 1\n{offset:D10} 00000 n \n");
        }

        var newSize = Math.Max(size, offsets.Keys.Max() + 1);
        Put(pdf, $"trailer\n<< /Size {newSize} /Root 1 0 R /Prev {previous} >>\nstartxref\n{xref}\n%%EOF\n");
        return pdf.ToArray();
    }

    /// <summary>An uncompressed stream object of this text.</summary>
    public static string Stream(string dictionary, string data) =>
        $"<< {dictionary} /Length {Encoding.Latin1.GetByteCount(data)} >>\nstream\n{data}\nendstream";

    public static byte[] Deflate(byte[] data)
    {
        var output = new MemoryStream();
        using (var zlib = new ZLibStream(output, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            zlib.Write(data);
        }

        return output.ToArray();
    }

    private static void Put(Stream pdf, string text) => pdf.Write(Encoding.Latin1.GetBytes(text));
}
