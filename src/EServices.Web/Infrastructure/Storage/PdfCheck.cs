using PdfSharp.Pdf;
using PdfSharp.Pdf.IO;

namespace EServices.Web.Infrastructure.Storage;

/// <summary>Decides whether a PDF is safe for agents to open, on the document as a reader decodes it, not on its raw
/// bytes: names with their #xx escapes decoded (/J#61vaScript is /JavaScript), the objects packed in compressed object
/// streams inflated, every revision appended after a %%EOF read, then the whole file parsed by PDFsharp.</summary>
/// <remarks>Two readings on purpose. The token scan sees every object in the file, even one that only a lenient viewer
/// rebuilding a broken cross-reference table would find; it also bounds what PDFsharp is then given (nesting depth,
/// inflated bytes), since a parser that recurses or inflates without limit is itself an attack surface. PDFsharp then
/// proves that the file is one a reader can open, and checks what needs the object graph (the opening action).</remarks>
public static class PdfCheck
{
    public const string Unreadable = "le PDF est illisible ou endommagé";

    public const string Active = "le PDF contient du contenu actif (JavaScript, fichier joint ou lancement de programme)";

    /// <summary>Names a receipt, a pay slip or a scanned identity card never needs, wherever they appear: scripts,
    /// programs, files carried inside, rich media, XFA forms, and the actions that send data out or open another file
    /// (a UNC path there leaks the agent's Windows credentials). Plain /URI links stay allowed: they act only when
    /// clicked, the viewer shows where they go, and official PDFs often carry one.</summary>
    internal static readonly HashSet<string> ForbiddenNames =
    [
        "JavaScript", "JS", "Launch", "EmbeddedFile", "EmbeddedFiles", "FileAttachment", "RichMedia", "RichMediaExecute",
        "Rendition", "Movie", "Sound", "XFA", "SubmitForm", "ImportData", "GoToR", "GoToE",
    ];

    /// <summary>Keys that make the viewer act by itself (on opening a page, a field, an annotation): no scan has them.</summary>
    internal static readonly HashSet<string> ForbiddenKeys = ["AA"];

    public static string? Problem(ReadOnlySpan<byte> pdf)
    {
        var bytes = pdf.ToArray();
        var scan = new PdfTokenScan();
        if (!scan.Read(bytes, packed: false))
        {
            return Unreadable;
        }

        if (scan.Active)
        {
            return Active;
        }

        PdfObjectConstructors.Hold();
        try
        {
            using var document = PdfReader.Open(new MemoryStream(bytes, writable: false), PdfDocumentOpenMode.Import);
            return document.PageCount == 0 ? Unreadable : document.Internals.GetAllObjects().Any(IsActive) ? Active : null;
        }
        catch (Exception failure) when (failure is not OutOfMemoryException)
        {
            return Unreadable; // whatever PDFsharp cannot open, a reader may open differently: refused
        }
    }

    private static bool IsActive(PdfObject item)
    {
        if (item is not PdfDictionary dictionary)
        {
            return false;
        }

        foreach (var (key, value) in dictionary.Elements)
        {
            var name = key.TrimStart('/');
            if (ForbiddenNames.Contains(name) || ForbiddenKeys.Contains(name) || (value is PdfName n && ForbiddenNames.Contains(n.Value.TrimStart('/'))))
            {
                return true;
            }
        }

        // Opening at a page is ordinary; any other action on opening (a link followed without a click, say) is not.
        return dictionary.Elements.GetObject("/OpenAction") is PdfDictionary open && open.Elements.GetName("/S") != "/GoTo";
    }
}
