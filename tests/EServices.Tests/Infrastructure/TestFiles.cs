using System.Text;

namespace EServices.Tests.Infrastructure;

/// <summary>Files as applicants upload them, good and bad.</summary>
public static class TestFiles
{
    public static Upload Pdf(string name = "piece.pdf", int size = 2048) =>
        new(name, Padded("%PDF-1.4\n1 0 obj << >> endobj\n"u8.ToArray(), size), "application/pdf");

    public static Upload Png(string name = "photo.png") =>
        new(name, Padded([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], 1024), "image/png");

    /// <summary>A Windows executable renamed to look like a PDF.</summary>
    public static Upload ExecutableNamedPdf() =>
        new("bulletin.pdf", Padded("MZ\x90\0\x03"u8.ToArray(), 4096), "application/pdf");

    public static Upload Html() => new("page.pdf", Encoding.UTF8.GetBytes("<html><script>alert(1)</script></html>"), "application/pdf");

    public static Upload Oversized() => Pdf("gros.pdf", 6 * 1024 * 1024);

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
