using System.Reflection;
using EServices.Web.Infrastructure;
using PdfSharp.Pdf;

namespace EServices.Tests.Documents;

/// <summary>PDFsharp builds its objects through reflection: once held, a constructor object outlives garbage collections,
/// so its compiled invoke stub is reused instead of being compiled again for every PDF (issue 18).</summary>
public sealed class PdfObjectConstructorsTests
{
    private const BindingFlags AnyInstance = BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic;

    [Fact]
    public void PDFsharp_gets_the_same_constructor_objects_after_a_collection()
    {
        PdfObjectConstructors.Hold();
        var before = typeof(PdfPages).GetConstructor(AnyInstance, null, [typeof(PdfDocument)], null);

        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();

        Assert.NotNull(before);
        Assert.Same(before, typeof(PdfPages).GetConstructor(AnyInstance, null, [typeof(PdfDocument)], null));
    }
}
