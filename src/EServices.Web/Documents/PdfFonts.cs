using System.Globalization;
using PdfSharp.Fonts;

namespace EServices.Web.Documents;

/// <summary>PDFsharp on Linux has no system font lookup: serve the DejaVu fonts shipped inside the assembly.</summary>
public sealed class PdfFonts : IFontResolver
{
    public const string Family = "DejaVu Sans";

    /// <summary>
    /// DejaVu Sans cut down to the Latin scripts and common punctuation (1 423 glyphs of 6 253; same outlines and
    /// widths, so a page looks the same) and without its hinting instructions (PDF readers scale the outlines). PDFsharp
    /// embeds in every document a subset that still carries the width and location tables of the whole font: from the
    /// cut-down font they are four times smaller, which makes a certificate a third of the size and a quarter faster;
    /// without hinting a convocation is 26 KB instead of 39. Made by scripts/subset-fonts.sh from <see cref="LatinRanges"/>.
    /// </summary>
    public const string LatinFamily = "DejaVu Sans Latin";

    /// <summary>The code points of the cut-down font (read by scripts/subset-fonts.sh: keep on one line).</summary>
    public const string LatinRanges = "U+0000-036F,U+1E00-1EFF,U+2000-206F,U+20A0-20CF,U+2100-214F,U+2190-2193,U+2212,U+2264-2265,U+25A0-25A1,U+25CB,U+25CF,U+2C60-2C7F,U+A720-A7FF,U+FB00-FB06,U+FFFD";

    private static readonly (int First, int Last)[] Latin = [.. LatinRanges.Split(',').Select(ParseRange)];
    private static readonly Lock Gate = new();
    private static bool _installed;

    public static void Install()
    {
        lock (Gate)
        {
            if (!_installed)
            {
                GlobalFontSettings.FontResolver = new PdfFonts();
                _installed = true;
            }
        }
    }

    /// <summary>The cut-down family when it has every character of <paramref name="texts"/>, the whole font otherwise.</summary>
    public static string FamilyFor(params ReadOnlySpan<string?> texts)
    {
        foreach (var text in texts)
        {
            foreach (var c in text ?? "")
            {
                if (!IsLatin(c))
                {
                    return Family;
                }
            }
        }

        return LatinFamily;
    }

    private static bool IsLatin(char c)
    {
        foreach (var (first, last) in Latin)
        {
            if (c >= first && c <= last)
            {
                return true;
            }
        }

        return false; // surrogates (emoji, rare scripts) included
    }

    private static (int, int) ParseRange(string range)
    {
        var bounds = range["U+".Length..].Split('-');
        var first = int.Parse(bounds[0], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        return (first, bounds.Length == 2 ? int.Parse(bounds[1], NumberStyles.HexNumber, CultureInfo.InvariantCulture) : first);
    }

    public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic)
    {
        var face = familyName == LatinFamily ? "DejaVuSansLatin" : "DejaVuSans";
        return new(bold ? face + "-Bold" : face, false, italic);
    }

    public byte[]? GetFont(string faceName)
    {
        using var stream = typeof(PdfFonts).Assembly.GetManifestResourceStream($"EServices.Web.Documents.Fonts.{faceName}.ttf");
        if (stream is null)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }
}
