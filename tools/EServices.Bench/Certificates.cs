using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using EServices.Web.Documents;
using EServices.Web.Domain.Requests;

namespace EServices.Bench;

/// <summary>Scenario 4: certificates rendered in-process by the portal's own module, as on acceptance (sign the QR
/// payload, render the PDF, hash it), on one thread and then on every core.</summary>
public static class Certificates
{
    private const string Base = "https://eservices.fonctionpublique.gov.bf";

    public static int Run(TimeSpan duration)
    {
        using var signer = new DocumentSigner(DocumentSigner.NewPrivateKeyPem());
        _ = RenderOne(signer, 0); // fonts and first-use costs out of the measure

        var empty = Measure(duration, 1, _ => EmptyPage());
        var single = Measure(duration, 1, n => RenderOne(signer, n));
        var cores = Environment.ProcessorCount;
        var all = Measure(duration, cores, n => RenderOne(signer, n));
        Console.WriteLine($"empty_pdf_single_per_second={empty.ToString("F1", CultureInfo.InvariantCulture)}");
        Console.WriteLine($"certificates_cores={cores}");
        Console.WriteLine($"certificates_single_per_second={single.ToString("F1", CultureInfo.InvariantCulture)}");
        Console.WriteLine($"certificates_all_per_second={all.ToString("F1", CultureInfo.InvariantCulture)}");
        Console.WriteLine($"certificates_all_per_core={(all / cores).ToString("F1", CultureInfo.InvariantCulture)}");
        return 0;
    }

    /// <summary>Scenario 11's render alone: convocations as the job makes them (sign the QR payload, render), one thread
    /// then every core, so that the job's figure can be split between the PDF and the database.</summary>
    public static int RunConvocations(TimeSpan duration)
    {
        using var signer = new DocumentSigner(DocumentSigner.NewPrivateKeyPem());
        var size = RenderConvocation(signer, 0).Length;
        var single = Measure(duration, 1, n => RenderConvocation(signer, n));
        var cores = Environment.ProcessorCount;
        var all = Measure(duration, cores, n => RenderConvocation(signer, n));
        Console.WriteLine($"convocation_pdf_bytes={size}");
        Console.WriteLine($"convocations_single_per_second={single.ToString("F1", CultureInfo.InvariantCulture)}");
        Console.WriteLine($"convocations_all_per_core={(all / cores).ToString("F1", CultureInfo.InvariantCulture)}");
        return 0;
    }

    private static byte[] RenderConvocation(DocumentSigner signer, int n)
    {
        var number = $"ADJ-{n % 1_000_000:D6}";
        var facts = new SignedFacts(DocumentKind.Convocation, number, "OUÉDRAOGO Awa Mesure", new DateOnly(2027, 5, 2));
        return ConvocationPdf.Render(new ConvocationContent(
            "Agence générale de recrutement de l'État", "Concours direct de recrutement d'adjoints administratifs, session 2027",
            "Adjoints administratifs", "OUÉDRAOGO Awa Mesure", new DateOnly(1998, 5, 14), number, "Ouagadougou — Lycée Philippe Zinda Kaboré",
            1 + n % 40, 1 + n % 30, "16/05/2027 à 07:30", CheckAddress.For(signer, Base, IssueCertificate.NewCode(), facts)));
    }

    private static double Measure(TimeSpan duration, int threads, Func<int, byte[]> render)
    {
        var count = 0L;
        var watch = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, threads).Select(t => new Thread(() =>
        {
            var n = t * 1_000_000;
            while (watch.Elapsed < duration)
            {
                render(n++);
                Interlocked.Increment(ref count);
            }
        })).ToList();
        workers.ForEach(w => w.Start());
        workers.ForEach(w => w.Join());
        return count / watch.Elapsed.TotalSeconds;
    }

    /// <summary>The baseline: PDFsharp saving an empty A4 page, the library's fixed cost on this machine.</summary>
    private static byte[] EmptyPage()
    {
        using var document = new PdfSharp.Pdf.PdfDocument();
        document.AddPage().Size = PdfSharp.PageSize.A4;
        using var output = new MemoryStream();
        document.Save(output);
        return output.ToArray();
    }

    private static byte[] RenderOne(DocumentSigner signer, int n)
    {
        var number = $"INS-2027-{n % 1_000_000:D6}";
        var today = new DateOnly(2027, 3, 26);
        var facts = new SignedFacts(DocumentKind.Certificate, number, "Awa OUÉDRAOGO", today);
        var pdf = CertificatePdf.Render(new CertificateContent(
            "Récépissé d'inscription au concours",
            number,
            $"Vu la demande n° AG-2027-{n % 1_000_000:D6} déposée par Awa OUÉDRAOGO au titre de la démarche « Inscription à un concours direct », "
            + "examinée et acceptée par le service compétent,\n\nle présent document, « Récépissé d'inscription au concours », est délivré à "
            + "Awa OUÉDRAOGO pour servir et valoir ce que de droit.",
            "Agence générale de recrutement de l'État",
            IssueCertificate.Place,
            today,
            "Boukary Kaboré",
            "Le Directeur général de l'Agence générale de recrutement de l'État",
            CheckAddress.For(signer, Base, IssueCertificate.NewCode(), facts)));
        _ = SHA256.HashData(pdf);
        return pdf;
    }
}
