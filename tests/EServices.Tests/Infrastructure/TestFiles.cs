using System.Text;

namespace EServices.Tests.Infrastructure;

/// <summary>Files as applicants upload them, good and bad.</summary>
public static class TestFiles
{
    /// <summary>A well-formed one-page PDF (the portal parses every PDF it accepts), padded to the size asked.</summary>
    public static Upload Pdf(string name = "piece.pdf", int size = 2048) =>
        new(name, PdfForge.Document(PdfForge.OnePage(), size), "application/pdf");

    public static Upload Png(string name = "photo.png") =>
        new(name, Padded([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], 1024), "image/png");

    /// <summary>A Windows executable renamed to look like a PDF.</summary>
    public static Upload ExecutableNamedPdf() =>
        new("bulletin.pdf", Padded("MZ\x90\0\x03"u8.ToArray(), 4096), "application/pdf");

    public static Upload Html() => new("page.pdf", Encoding.UTF8.GetBytes("<html><script>alert(1)</script></html>"), "application/pdf");

    public static Upload Oversized() => Pdf("gros.pdf", 6 * 1024 * 1024);

    public static Upload Empty() => new("vide.pdf", [], "application/pdf");

    /// <summary>An SVG image (it can carry script) named like a PNG.</summary>
    public static Upload SvgNamedPng() =>
        new("photo.png", Encoding.UTF8.GetBytes("<svg xmlns='http://www.w3.org/2000/svg' onload='alert(1)'/>"), "image/png");

    /// <summary>A real PNG signature followed by a page a browser would run if it sniffed the file as HTML.</summary>
    public static Upload PngWithHtml() => new("cnib.png", [.. Png().Content, .. "<HTML><body><Script>alert(document.cookie)</script>"u8], "image/png");

    /// <summary>A JPEG whose comment segment holds a script.</summary>
    public static Upload JpegWithScript() =>
        new("cnib.jpg", [0xFF, 0xD8, 0xFF, 0xFE, 0x00, 0x20, .. "<script>alert(1)</script>"u8, 0xFF, 0xD9], "image/jpeg");

    /// <summary>A PDF that runs JavaScript when opened.</summary>
    public static Upload PdfWithJavaScript() =>
        new("cnib.pdf", Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj << /Type /Catalog /OpenAction << /S /JavaScript /JS (app.alert(1)) >> >> endobj\n%%EOF\n"), "application/pdf");

    /// <summary>A PNG that is also a ZIP archive (its end record appended).</summary>
    public static Upload PngWithZip() =>
        new("cnib.png", [.. Png().Content, .. "PK\x03\x04"u8, .. new byte[26], .. "PK\x05\x06"u8, .. new byte[18]], "image/png");

    /// <summary>A well-formed PDF holding the antivirus test string (built in two halves so that this source file is not itself flagged).</summary>
    public static Upload PdfWithEicar() =>
        new("cnib.pdf", PdfForge.Document(PdfForge.OnePage(more: PdfForge.Stream("", @"X5O!P%@AP[4\PZX54(P^)7CC)7}$" + "EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*"))), "application/pdf");

    private static byte[] Padded(byte[] head, int size)
    {
        var bytes = new byte[size];
        head.CopyTo(bytes, 0);
        for (var i = head.Length; i < size; i++)
        {
            bytes[i] = (byte)'a';
        }

        return bytes;
    }
}
