using System.Reflection;
using PdfSharp.Pdf;

namespace EServices.Web.Infrastructure;

/// <summary>
/// PDFsharp creates the objects of a document it writes or reads (catalog, pages, resources, arrays…) through
/// <see cref="ConstructorInfo.Invoke(object[])"/>, and the runtime compiles an invoke stub for each constructor object on
/// its second call. It keeps a type's reflection data only while something references it: after each garbage collection
/// PDFsharp got new constructor objects, so every receipt, certificate and uploaded PDF compiled those stubs again and
/// the collector cleaned them up later (about 30 methods a second under the filing load, issue 18 in
/// docs/benchmarks.md). Holding the constructors keeps that data, so each stub is compiled once per process.
/// </summary>
public static class PdfObjectConstructors
{
    private static readonly ConstructorInfo[] Held =
    [
        .. typeof(PdfItem).Assembly.GetTypes()
            .Where(t => typeof(PdfItem).IsAssignableFrom(t))
            .SelectMany(t => t.GetConstructors(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic)),
    ];

    /// <summary>Call before PDFsharp builds or reads a document: the first call gathers the constructors, the next cost nothing.</summary>
    public static void Hold() => GC.KeepAlive(Held);
}
