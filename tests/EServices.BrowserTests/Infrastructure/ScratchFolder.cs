using EServices.Tests.Infrastructure;

namespace EServices.BrowserTests.Infrastructure;

/// <summary>A temporary folder holding the files an applicant picks in the file chooser; deleted afterwards.</summary>
public sealed class ScratchFolder : IDisposable
{
    private readonly string _folder = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), $"eservices-browser-{Guid.NewGuid():N}")).FullName;

    /// <summary>Writes a small file that is a PDF by its first bytes ("%PDF-") and returns its path.</summary>
    public string Pdf(string name)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllBytes(path, TestFiles.Pdf(name).Content);
        return path;
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
