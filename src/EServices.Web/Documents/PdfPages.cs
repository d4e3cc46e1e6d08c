using PdfSharp.Pdf;

namespace EServices.Web.Documents;

/// <summary>The set-up every portal PDF shares: fonts installed, the document's properties, A4 pages, the saved bytes.</summary>
public static class PdfPages
{
    public const string Author = "E-services MFPTPS";

    /// <summary>A new document with the title a PDF reader shows; the author is left out when null.</summary>
    public static PdfDocument NewDocument(string title, string? author = Author)
    {
        PdfFonts.Install();
        PdfObjectConstructors.Hold();
        var document = new PdfDocument();
        document.Info.Title = title;
        if (author is not null)
        {
            document.Info.Author = author;
        }

        return document;
    }

    public static PdfPage AddA4Page(this PdfDocument document)
    {
        var page = document.AddPage();
        page.Size = PdfSharp.PageSize.A4;
        return page;
    }

    /// <summary>The width between the left and right margins.</summary>
    public static double WidthInside(this PdfPage page, double margin) => page.Width.Point - (2 * margin);

    public static byte[] ToBytes(this PdfDocument document)
    {
        using var output = new MemoryStream();
        document.Save(output);
        return output.ToArray();
    }
}
