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
}
