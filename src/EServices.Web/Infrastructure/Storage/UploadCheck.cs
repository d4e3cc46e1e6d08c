using System.Text;

namespace EServices.Web.Infrastructure.Storage;

/// <summary>Decides a file's type from its first bytes, never from its name, and cleans the name for display.</summary>
public static class UploadCheck
{
    public static string? ContentTypeOf(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith("%PDF-"u8))
        {
            return "application/pdf";
        }

        if (head.StartsWith(new byte[] { 0xFF, 0xD8, 0xFF }))
        {
            return "image/jpeg";
        }

        return head.StartsWith(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }) ? "image/png" : null;
    }

    /// <summary>Keeps letters, digits and a few separators; drops any folder part.</summary>
    public static string SafeFileName(string? name, string contentType)
    {
        var baseName = (name ?? "").Replace('\\', '/').Split('/').Last();
        var builder = new StringBuilder();
        foreach (var c in baseName.Normalize(NormalizationForm.FormC))
        {
            builder.Append(char.IsLetterOrDigit(c) || c is '.' or '-' or '_' or ' ' or '(' or ')' ? c : '_');
        }

        var cleaned = builder.ToString().Trim(' ', '.');
        if (cleaned.Length > 100)
        {
            cleaned = cleaned[..100];
        }

        var extension = contentType switch { "application/pdf" => ".pdf", "image/png" => ".png", _ => ".jpg" };
        if (cleaned.Length == 0)
        {
            cleaned = "document";
        }

        return Path.GetExtension(cleaned).Equals(extension, StringComparison.OrdinalIgnoreCase)
            || (extension == ".jpg" && Path.GetExtension(cleaned).Equals(".jpeg", StringComparison.OrdinalIgnoreCase))
            ? cleaned
            : cleaned + extension;
    }
}
