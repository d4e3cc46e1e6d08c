using System.Text;

namespace EServices.Web.Features.Accounts;

/// <summary>Where a sign-in sends the user back: a path of this portal, or <c>fallback</c>. Url.IsLocalUrl let
/// <c>/démarches</c> through, and a Location header with a non-ASCII character makes Kestrel fail the response (a 500).</summary>
public static class ReturnUrl
{
    /// <summary>Longer than any address of the portal: a longer one is not a link the portal made.</summary>
    private const int MaxLength = 2048;

    /// <summary>The path itself, its non-ASCII characters percent-encoded (UTF-8), when it is a local path; otherwise
    /// <paramref name="fallback"/>. Refused: empty, absolute (<c>https:</c>, <c>javascript:</c>), protocol-relative
    /// (<c>//host</c>, <c>/\host</c>), any backslash, control or white-space character, over-long values.</summary>
    public static string LocalOr(string? returnUrl, string fallback)
    {
        if (string.IsNullOrEmpty(returnUrl) || returnUrl.Length > MaxLength || returnUrl[0] != '/'
            || (returnUrl.Length > 1 && returnUrl[1] is '/' or '\\'))
        {
            return fallback;
        }

        var local = new StringBuilder(returnUrl.Length);
        Span<byte> utf8 = stackalloc byte[4];
        foreach (var rune in returnUrl.EnumerateRunes())
        {
            if (rune.IsAscii)
            {
                // Browsers read a backslash as a slash, and drop tabs and line breaks: "/\t/evil" would be "//evil".
                if (rune.Value is <= 0x20 or 0x7F or '\\')
                {
                    return fallback;
                }

                local.Append((char)rune.Value);
            }
            else if (Rune.IsControl(rune) || Rune.IsWhiteSpace(rune) || rune == Rune.ReplacementChar)
            {
                return fallback;
            }
            else
            {
                foreach (var b in utf8[..rune.EncodeToUtf8(utf8)])
                {
                    local.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
                }
            }
        }

        return local.ToString();
    }
}
