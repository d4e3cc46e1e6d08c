using System.Globalization;
using System.Text;
using PdfSharp.Pdf;
using QRCoder;

namespace EServices.Web.Documents;

public static class QrCodes
{
    /// <summary>A black-on-white PNG (PDFsharp refuses QRCoder's default greyscale PNG).</summary>
    public static byte[] Png(string text)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.M);
        return new PngByteQRCode(data).GetGraphic(6, [0, 0, 0], [255, 255, 255]);
    }

    /// <summary>
    /// Draws the QR code of <paramref name="text"/> on the page as one filled path of black squares, its quiet zone
    /// included in <paramref name="size"/> (points, from the top-left corner of the page, as XGraphics counts).
    /// Vector squares print crisp at any zoom, and skip the PNG that PDFsharp had to decode and compress again,
    /// which took half the time of a certificate. Written as raw PDF operators in a content stream of its own,
    /// because XGraphics writes each rectangle as a separate fill with fractional coordinates.
    /// </summary>
    public static void Draw(PdfPage page, string text, double left, double top, double size)
    {
        using var data = QRCodeGenerator.GenerateQrCode(text, QRCodeGenerator.ECCLevel.M);
        var modules = data.ModuleMatrix;
        var count = modules.Count;
        var scale = size / count;
        var pdf = new StringBuilder(16_384);

        // One module is one unit, rows counted downwards from the top-left corner of the code.
        pdf.Append(CultureInfo.InvariantCulture, $"q 0 g {scale:0.#####} 0 0 {-scale:0.#####} {left:0.###} {page.Height.Point - top:0.###} cm\n");
        for (var row = 0; row < count; row++)
        {
            var line = modules[row];
            for (var column = 0; column < count; column++)
            {
                if (!line[column])
                {
                    continue;
                }

                var start = column;
                while (column + 1 < count && line[column + 1])
                {
                    column++;
                }

                // A horizontal run of dark modules is one rectangle; one fill for the whole code leaves no seams.
                pdf.Append(start).Append(' ').Append(row).Append(' ').Append(column - start + 1).Append(" 1 re\n");
            }
        }

        pdf.Append("f Q\n");
        page.Contents.AppendContent().CreateStream(Encoding.ASCII.GetBytes(pdf.ToString()));
    }
}
