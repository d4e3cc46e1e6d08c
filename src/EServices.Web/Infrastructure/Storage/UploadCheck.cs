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

    /// <summary>Why a file of an accepted type is still refused, or null: what a browser or a reader could run
    /// hidden inside a scan (a polyglot: HTML or script, a ZIP archive, a PDF's active content).</summary>
    public static string? HiddenContent(ReadOnlySpan<byte> content, string contentType)
    {
        foreach (var marker in Markup)
        {
            if (Contains(content, marker))
            {
                return "le fichier contient du code (HTML ou script)";
            }
        }

        // A ZIP archive is read from its end record, which lies in the last 64 Ko: a file with one is also an archive.
        var tail = content[Math.Max(0, content.Length - (65_535 + 22))..];
        if (tail.IndexOf("PK\x05\x06"u8) >= 0)
        {
            return "le fichier contient une archive cachée";
        }

        // A PDF is judged on its parsed objects: raw bytes miss /J#61vaScript and what a compressed object stream holds.
        return contentType == "application/pdf" ? PdfCheck.Problem(content) : null;
    }

    private static readonly byte[][] Markup =
        [.. new[] { "<script", "<html", "<svg", "<?php", "<iframe", "<object", "<embed", "<body", "javascript:" }.Select(Encoding.ASCII.GetBytes)];

    /// <summary>Case-insensitive for ASCII letters, as browsers read tags.</summary>
    private static bool Contains(ReadOnlySpan<byte> content, byte[] marker)
    {
        var first = new[] { marker[0], (byte)char.ToUpperInvariant((char)marker[0]) };
        for (var i = content.IndexOfAny(first); i >= 0 && i <= content.Length - marker.Length;)
        {
            if (Ascii.EqualsIgnoreCase(content.Slice(i, marker.Length), marker))
            {
                return true;
            }

            var next = content[(i + 1)..].IndexOfAny(first);
            i = next < 0 ? -1 : i + 1 + next;
        }

        return false;
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
