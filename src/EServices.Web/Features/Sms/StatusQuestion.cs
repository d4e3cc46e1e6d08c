using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace EServices.Web.Features.Sms;

/// <summary>What an incoming SMS asks: "SUIVI FP-2027-000123" in any case, with accents ("suívi"), extra spaces, and
/// the number with or without its dashes; null for anything else.</summary>
public static partial class StatusQuestion
{
    /// <summary>The tracking number asked about, as the portal writes it (FP-2027-000123), or null when the text is
    /// not a SUIVI question.</summary>
    public static string? NumberAskedIn(string? text)
    {
        if (string.IsNullOrWhiteSpace(text) || text.Length > 200)
        {
            return null;
        }

        var match = Question().Match(WithoutAccents(text).ToUpperInvariant());
        return match.Success
            ? $"{match.Groups["prefix"].Value}-{match.Groups["year"].Value}-{int.Parse(match.Groups["serial"].Value, CultureInfo.InvariantCulture):D6}"
            : null;
    }

    private static string WithoutAccents(string text)
    {
        var kept = new StringBuilder(text.Length);
        foreach (var c in text.Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
            {
                kept.Append(c);
            }
        }

        return kept.ToString();
    }

    // [0-9], not \d: \d takes any script's digits (١٢٣, full-width １２３), which int.Parse then refuses.
    [GeneratedRegex(@"^\s*SUIVI\s*[:.]?\s+(?<prefix>[A-Z]{1,10})\s*[-–]?\s*(?<year>[0-9]{4})\s*[-–]?\s*(?<serial>[0-9]{1,6})\s*\.?\s*$")]
    private static partial Regex Question();
}
