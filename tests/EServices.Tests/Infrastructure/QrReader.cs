using System.Diagnostics;

namespace EServices.Tests.Infrastructure;

/// <summary>Reads the QR code printed on a PDF as a phone would: renders the page (pdftoppm) and decodes it (zbarimg).</summary>
public static class QrReader
{
    public static async Task<string> ReadAsync(byte[] pdf)
    {
        var folder = Directory.CreateTempSubdirectory("eservices-qr-").FullName;
        try
        {
            var file = Path.Combine(folder, "document.pdf");
            await File.WriteAllBytesAsync(file, pdf);
            await RunAsync("pdftoppm", $"-r 150 -png -f 1 -l 1 {file} {Path.Combine(folder, "page")}");
            var image = Directory.GetFiles(folder, "page*.png").Single();
            return (await RunAsync("zbarimg", $"--raw -q {image}")).Trim();
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<string> RunAsync(string program, string arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(program, arguments) { RedirectStandardOutput = true, RedirectStandardError = true })
            ?? throw new InvalidOperationException($"{program} did not start");
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        return process.ExitCode == 0 ? output : throw new InvalidOperationException($"{program} {arguments}: exit {process.ExitCode} {await process.StandardError.ReadToEndAsync()}");
    }
}
