using System.Globalization;
using System.Text;

namespace EServices.Web.Infrastructure;

/// <summary>The one place a file sent to a browser gets its Content-Disposition (RFC 6266): an ASCII <c>filename=</c> for old
/// clients and the real name in <c>filename*=UTF-8''…</c> (RFC 5987). Whatever the name (accents, 200 characters, quotes,
/// right-to-left marks, emoji, line breaks), the header is one line of ASCII: System.Net.Mime.ContentDisposition folded long
/// accented names with a CR, which Kestrel refuses to send (a 500).</summary>
public static class Downloads
{
    /// <summary>A download saved under <paramref name="fileName"/>, or shown in the browser when <paramref name="inline"/>.</summary>
    public static FileResult Download(this ControllerBase controller, byte[] content, string contentType, string fileName, bool inline = false)
    {
        controller.Response.Headers.ContentDisposition = ContentDisposition(fileName, inline);
        return controller.File(content, contentType);
    }

    /// <inheritdoc cref="Download(ControllerBase, byte[], string, string, bool)"/>
    public static FileResult Download(this ControllerBase controller, Stream content, string contentType, string fileName, bool inline = false)
    {
        controller.Response.Headers.ContentDisposition = ContentDisposition(fileName, inline);
        return controller.File(content, contentType);
    }

    public static string ContentDisposition(string fileName, bool inline)
    {
        var name = Printable(fileName);
        if (name.Length == 0)
        {
            name = "document";
        }

        return $"{(inline ? "inline" : "attachment")}; filename=\"{AsciiFallback(name)}\"; filename*=UTF-8''{Rfc5987(name)}";
    }

    /// <summary>The name without what no file name should carry: control characters, line breaks, bidirectional and other
    /// invisible format marks, lone surrogates.</summary>
    private static string Printable(string name)
    {
        var builder = new StringBuilder(name.Length);
        foreach (var rune in name.Normalize(NormalizationForm.FormC).EnumerateRunes())
        {
            if (rune != Rune.ReplacementChar && Rune.GetUnicodeCategory(rune) is not (UnicodeCategory.Control or UnicodeCategory.Format
                or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator or UnicodeCategory.Surrogate or UnicodeCategory.PrivateUse))
            {
                builder.Append(rune.ToString());
            }
        }

        return builder.ToString().Trim();
    }

    /// <summary>Accents dropped (é → e), anything else outside printable ASCII, and the quote, backslash and percent that
    /// clients read differently, replaced by '_'.</summary>
    private static string AsciiFallback(string name)
    {
        var builder = new StringBuilder(name.Length);
        foreach (var rune in name.Normalize(NormalizationForm.FormD).EnumerateRunes())
        {
            if (Rune.GetUnicodeCategory(rune) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            builder.Append(rune.Value is >= 0x20 and < 0x7F and not ('"' or '\\' or '%') ? (char)rune.Value : '_');
        }

        return builder.ToString();
    }

    /// <summary>UTF-8 bytes, each percent-encoded unless it is an attr-char of RFC 5987.</summary>
    private static string Rfc5987(string name)
    {
        var builder = new StringBuilder(name.Length * 3);
        foreach (var b in Encoding.UTF8.GetBytes(name))
        {
            if (char.IsAsciiLetterOrDigit((char)b) || b is (byte)'!' or (byte)'#' or (byte)'$' or (byte)'&' or (byte)'+' or (byte)'-' or (byte)'.'
                or (byte)'^' or (byte)'_' or (byte)'`' or (byte)'|' or (byte)'~')
            {
                builder.Append((char)b);
            }
            else
            {
                builder.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
        }

        return builder.ToString();
    }
}
