using System.Globalization;
using System.Text.RegularExpressions;

namespace EServices.Web.Domain.Forms;

/// <summary>What a field accepts, and the French message when it does not (each type's own rule is in
/// <see cref="FieldKinds"/>); the checks and formats those rules share. Pure functions.</summary>
public static partial class FieldRules
{
    public const int DefaultTextMax = 200;
    public const int DefaultLongTextMax = 4000;
    private const long AmountCeiling = 1_000_000_000_000;
    private static readonly CultureInfo French = CultureInfo.GetCultureInfo("fr-FR");

    /// <summary>Thousands by a narrow no-break space whatever the platform's culture data says (ICU versions differ).</summary>
    private static readonly NumberFormatInfo Thousands = new() { NumberGroupSeparator = "\u202F", NumberGroupSizes = [3] };

    /// <summary>Puts a typed value in its canonical form when it is valid; leaves it as typed otherwise,
    /// so that what the user entered is never lost.</summary>
    public static string Normalize(FieldType type, string raw) => FieldKinds.Of(type).Normalise(raw.Trim());

    /// <summary>The error for one simple value, or null when it is acceptable. Emptiness is checked by the caller.</summary>
    public static string? Check(FormField field, string value, DateOnly today)
    {
        var name = $"« {field.Label} »";
        if (HasControlCharacters(value, allowNewLines: field.Kind.MultiLine))
        {
            return $"{name} contient des caractères non autorisés.";
        }

        return field.Kind.Check(field, value, name, today);
    }

    public static bool TryDate(string value, out DateOnly date) =>
        DateOnly.TryParseExact(value, ["yyyy-MM-dd", "dd/MM/yyyy", "d/M/yyyy"], CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    public static bool TryPhone(string value, out string canonical)
    {
        canonical = "";
        var digits = PhoneSeparators().Replace(value, "");
        if (digits.StartsWith("+226", StringComparison.Ordinal))
        {
            digits = digits[4..];
        }
        else if (digits.StartsWith("00226", StringComparison.Ordinal))
        {
            digits = digits[5..];
        }

        if (digits.Length != 8 || !digits.All(char.IsAsciiDigit))
        {
            return false;
        }

        canonical = $"+226 {digits[..2]} {digits[2..4]} {digits[4..6]} {digits[6..]}";
        return true;
    }

    /// <summary>A number as <see cref="TryPhone"/> writes it, in E.164 (+22670123456): what the SMS gateway is given, and the
    /// user name of an account made by phone.</summary>
    public static string E164(string canonical) => canonical.Replace(" ", "", StringComparison.Ordinal);

    public static string FormatDate(DateOnly date) => date.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);

    /// <summary>"5 000 FCFA" as French typography writes it, on one line wherever it falls: a narrow no-break space
    /// (U+202F) between thousands, a no-break space (U+00A0) before the currency. Pages, e-mails and PDFs all use it.</summary>
    public static string FormatAmount(long amount) =>
        amount.ToString("#,0", Thousands) + "\u00A0FCFA";

    /// <summary>Whole francs as staff type them: digits, or thousands in groups of exactly three after a space, a no-break
    /// space or a dot ("5 000", "5.000"); null for anything else ("5000.00", "5,5", "5000 F"), never a misread amount.</summary>
    public static int? ParseAmount(string? text)
    {
        var groups = (text ?? "").Trim().Split([' ', '\u00A0', '\u202F', '.']);
        var grouped = groups.Length == 1 ? groups[0].Length is > 0 and <= 9 : groups[0].Length is > 0 and <= 3 && groups.Skip(1).All(g => g.Length == 3);
        return grouped && groups.Length <= 4 && groups.All(g => g.All(char.IsAsciiDigit))
            && int.TryParse(string.Concat(groups), NumberStyles.None, CultureInfo.InvariantCulture, out var amount) ? amount : null;
    }

    internal static string? CheckText(FormField field, string value, string name)
    {
        var max = field.MaxLength ?? field.Kind.DefaultMaxLength ?? DefaultTextMax;
        if (value.Length > max)
        {
            return $"{name} doit contenir au plus {max} caractères (vous en avez saisi {value.Length}).";
        }

        if (field.MinLength is { } min && value.Length < min)
        {
            return $"{name} doit contenir au moins {min} caractères.";
        }

        if (field.Pattern is { } pattern && !Regex.IsMatch(value, $"^(?:{pattern})$", RegexOptions.None, TimeSpan.FromMilliseconds(100)))
        {
            return field.PatternMessage is { } custom ? $"{name} : {custom}" : $"{name} n'a pas le format attendu.";
        }

        return null;
    }

    internal static string? CheckNumber(FormField field, string value, string name, string formatMessage)
    {
        if (!long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number) || Math.Abs(number) >= AmountCeiling)
        {
            return $"{name} {formatMessage}";
        }

        if (long.TryParse(field.Min, CultureInfo.InvariantCulture, out var min) && number < min)
        {
            return $"{name} doit être au moins {min.ToString("N0", French)}.";
        }

        if (long.TryParse(field.Max, CultureInfo.InvariantCulture, out var max) && number > max)
        {
            return $"{name} doit être au plus {max.ToString("N0", French)}.";
        }

        return null;
    }

    internal static string? CheckDate(FormField field, string value, string name, DateOnly today, string formatMessage)
    {
        if (!TryDate(value, out var date) || date.Year < 1900 || date.Year > 2200)
        {
            return $"{name} {formatMessage}";
        }

        if (Bound(field.Min, today) is { } min && date < min)
        {
            return field.Min == "today" ? $"{name} ne peut pas être dans le passé." : $"{name} doit être le {FormatDate(min)} ou après.";
        }

        if (Bound(field.Max, today) is { } max && date > max)
        {
            return field.Max == "today" ? $"{name} ne peut pas être dans le futur." : $"{name} doit être le {FormatDate(max)} ou avant.";
        }

        return null;
    }

    private static DateOnly? Bound(string? bound, DateOnly today) =>
        bound == "today" ? today : bound is not null && TryDate(bound, out var d) ? d : null;

    /// <summary>Control characters (a new line or a tab only where allowed), and the bidirectional embeddings, overrides
    /// and isolates (U+202A–U+202E, U+2066–U+2069), which make text display otherwise than it reads.</summary>
    public static bool HasControlCharacters(string value, bool allowNewLines) =>
        value.Any(c => (char.IsControl(c) && !(allowNewLines && c is '\n' or '\t')) || c is >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069');

    [GeneratedRegex(@"[\s.\-()]")]
    private static partial Regex PhoneSeparators();
}
