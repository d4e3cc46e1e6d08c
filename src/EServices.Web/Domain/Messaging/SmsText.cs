using System.Text;
using System.Text.RegularExpressions;

namespace EServices.Web.Domain.Messaging;

public enum SmsCoding
{
    /// <summary>The GSM 03.38 alphabet, 7 bits a character: 160 in one SMS, 153 a part when split.</summary>
    Gsm7,

    /// <summary>UCS-2, for a text GSM-7 cannot carry (another script): 70 in one SMS, 67 a part.</summary>
    Ucs2,
}

/// <summary>
/// A French text as an SMS will carry it (issue 16). Letters the GSM 03.38 alphabet lacks (ê, ô, ç, œ, « », the no-break
/// spaces of French typography…) are replaced by their closest GSM letters, so that an accent costs nothing and is never
/// lost as "?" on the phone (what Kannel does with a character it cannot convert); a text still outside GSM-7 goes as
/// UCS-2. <see cref="Length"/> counts what the operator counts: septets (an extension character such as € takes two) or
/// UTF-16 units.
/// </summary>
public sealed partial record SmsText(string Text, SmsCoding Coding, int Length, int Parts)
{
    /// <summary>The longest notice the portal sends: two parts (306 GSM-7 characters, 134 in UCS-2).</summary>
    public const int MaxParts = 2;

    // GSM 03.38 default alphabet (3GPP TS 23.038), basic table without ESC, and the extension table (two septets each).
    private const string Basic = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
    private const string Extension = "\f^{}\\[~]|€";

    private static readonly Dictionary<char, string> Closest = new()
    {
        ['ê'] = "e", ['ë'] = "e", ['â'] = "a", ['î'] = "i", ['ï'] = "i", ['ô'] = "o", ['û'] = "u", ['ÿ'] = "y", ['ç'] = "c",
        ['À'] = "A", ['Â'] = "A", ['È'] = "E", ['Ê'] = "E", ['Ë'] = "E", ['Î'] = "I", ['Ï'] = "I", ['Ô'] = "O", ['Ù'] = "U",
        ['Û'] = "U", ['Ÿ'] = "Y", ['œ'] = "oe", ['Œ'] = "OE", ['“'] = "\"", ['”'] = "\"",
        ['‘'] = "'", ['’'] = "'", ['–'] = "-", ['—'] = "-", ['…'] = "...", ['\u00A0'] = " ", ['\u202F'] = " ", ['°'] = "o",
        ['\t'] = " ",
    };

    public bool TooLong => Parts > MaxParts;

    public static SmsText Of(string text)
    {
        var gsm = new StringBuilder(text.Length);
        // French quotes hold a space inside (« ainsi »); English ones do not ("ainsi").
        foreach (var c in Guillemets().Replace(text.ReplaceLineEndings("\n"), "\""))
        {
            gsm.Append(Closest.TryGetValue(c, out var closest) ? closest : c.ToString());
        }

        var replaced = gsm.ToString();
        if (replaced.All(c => Basic.Contains(c, StringComparison.Ordinal) || Extension.Contains(c, StringComparison.Ordinal)))
        {
            var septets = replaced.Sum(c => Extension.Contains(c, StringComparison.Ordinal) ? 2 : 1);
            return new(replaced, SmsCoding.Gsm7, septets, PartsOf(septets, single: 160, part: 153));
        }

        // Another script: sent as typed, in UCS-2 (the replacements would only mix two spellings).
        var original = text.ReplaceLineEndings("\n");
        return new(original, SmsCoding.Ucs2, original.Length, PartsOf(original.Length, single: 70, part: 67));
    }

    /// <summary>This text, or its beginning followed by "..." when it needs more than <paramref name="parts"/> parts: a last
    /// guard, so that a long reason typed by an agent never makes a notice of five SMS.</summary>
    public SmsText Shortened(int parts)
    {
        if (Parts <= parts)
        {
            return this;
        }

        var (single, part, ellipsis) = Coding == SmsCoding.Gsm7 ? (160, 153, "...") : (70, 67, "…");
        var room = (parts == 1 ? single : part * parts) - ellipsis.Length;
        var kept = new StringBuilder();
        var length = 0;
        foreach (var c in Text)
        {
            var size = Coding == SmsCoding.Gsm7 && Extension.Contains(c, StringComparison.Ordinal) ? 2 : 1;
            if (length + size > room)
            {
                break;
            }

            kept.Append(c);
            length += size;
        }

        return Of(kept.ToString().TrimEnd() + ellipsis);
    }

    [GeneratedRegex("«[\\s\u00A0\u202F]*|[\\s\u00A0\u202F]*»")]
    private static partial Regex Guillemets();

    private static int PartsOf(int length, int single, int part) =>
        length == 0 ? 0 : length <= single ? 1 : (length + part - 1) / part;
}
