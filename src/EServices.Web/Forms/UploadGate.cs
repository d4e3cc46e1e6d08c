using EServices.Web.Infrastructure.Storage;
using Microsoft.Extensions.Options;

namespace EServices.Web.Forms;

/// <summary>A file as stored once it passed the gate: its cleaned name, its type read from its bytes, where it lies.</summary>
public sealed record StoredUpload(string FileName, string ContentType, long Size, string StorageKey, string Sha256);

/// <summary>
/// What every uploaded file goes through before it is kept, whoever sends it (an applicant's attachment, an expert's
/// answer): not empty, within the size limit, a PDF, JPEG or PNG by its first bytes, nothing hidden inside (script,
/// HTML, archive, a PDF's active content), and clean for the antivirus. Each refusal is a French sentence that starts
/// with <c>name</c>, to be shown next to the field.
/// </summary>
public sealed class UploadGate(FileStorage storage, IOptions<StorageOptions> options, VirusScanner scanner)
{
    public async Task<(StoredUpload? File, string? Error)> StoreAsync(IFormFile file, string name, CancellationToken ct)
    {
        var maxBytes = options.Value.MaxFileBytes;
        if (file.Length == 0)
        {
            return (null, $"{name} : le fichier est vide.");
        }

        if (file.Length > maxBytes)
        {
            return (null, $"{name} : le fichier pèse {Documents.ReceiptPdf.FormatSize(file.Length)} ; la limite est de {Documents.ReceiptPdf.FormatSize(maxBytes)}.");
        }

        var content = new byte[file.Length];
        await using (var stream = file.OpenReadStream())
        {
            await stream.ReadExactlyAsync(content, ct);
        }

        if (UploadCheck.ContentTypeOf(content) is not { } contentType)
        {
            return (null, $"{name} : seuls les fichiers PDF, JPEG et PNG sont acceptés.");
        }

        if (UploadCheck.HiddenContent(content, contentType) is { } hidden)
        {
            return (null, $"{name} : {hidden}. Numérisez ou enregistrez à nouveau le document, puis joignez-le.");
        }

        switch (await scanner.ScanAsync(content, ct))
        {
            case (ScanVerdict.Infected, var signature):
                return (null, $"{name} : l'antivirus a détecté un virus ({signature}) ; le fichier n'a pas été enregistré.");
            case (ScanVerdict.Unavailable, _):
                return (null, $"{name} : l'analyse antivirus est momentanément indisponible ; joignez le fichier à nouveau dans quelques minutes.");
        }

        var (key, sha256) = await storage.SaveAsync(content, ct);
        return (new StoredUpload(UploadCheck.SafeFileName(file.FileName, contentType), contentType, content.Length, key, sha256), null);
    }
}
