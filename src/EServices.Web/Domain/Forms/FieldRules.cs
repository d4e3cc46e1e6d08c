using System.Globalization;
using System.Text.RegularExpressions;

namespace EServices.Web.Domain.Forms;

/// <summary>What each field type accepts, and the French message when it does not. Pure functions.</summary>
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
    public static string Normalize(FieldType type, string raw)
    {
        var value = raw.Trim();
        switch (type)
        {
            case FieldType.Phone:
                return TryPhone(value, out var phone) ? phone : value;
            case FieldType.Amount:
            case FieldType.Integer:
                var digits = Spaces().Replace(value, "");
                return long.TryParse(digits, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _) ? digits : value;
            case FieldType.Cnib:
                return Spaces().Replace(value, "").ToUpperInvariant();
            case FieldType.Matricule:
                var m = Spaces().Replace(value, "").ToUpperInvariant();
                return MatriculeFormat().IsMatch(m) ? m : value;
            case FieldType.Date:
                return TryDate(value, out var date) ? date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : value;
            case FieldType.Email:
                return value.ToLowerInvariant();
            default:
                return type == FieldType.LongText ? raw.Trim().ReplaceLineEndings("\n") : value;
        }
    }

    /// <summary>The error for one simple value, or null when it is acceptable. Emptiness is checked by the caller.</summary>
    public static string? Check(FormField field, string value, DateOnly today)
    {
        var name = $"« {field.Label} »";
        if (HasControlCharacters(value, allowNewLines: field.Type == FieldType.LongText))
        {
            return $"{name} contient des caractères non autorisés.";
        }

        return field.Type switch
        {
            FieldType.Text or FieldType.LongText => CheckText(field, value, name),
            FieldType.Integer => CheckNumber(field, value, name, "doit être un nombre entier, sans espace ni virgule."),
            FieldType.Amount => value.StartsWith('-')
                ? $"{name} ne peut pas être négatif."
                : CheckNumber(field, value, name, "doit être un montant en francs CFA, sans décimales (ex. 150000)."),
            FieldType.Date => CheckDate(field, value, name, today),
            FieldType.Email => value.Length <= 254 && EmailFormat().IsMatch(value)
                ? null
                : $"{name} : saisissez une adresse e-mail valide (ex. nom@exemple.bf).",
            FieldType.Phone => TryPhone(value, out _)
                ? null
                : $"{name} : saisissez un numéro du Burkina Faso, +226 suivi de 8 chiffres (ex. +226 70 12 34 56).",
            FieldType.YesNo => value is "oui" or "non" ? null : $"{name} : répondez par oui ou par non.",
            FieldType.Choice or FieldType.Region => field.Choices.Any(o => o.Value == value)
                ? null
                : $"{name} : choisissez une réponse de la liste.",
            FieldType.Cnib => CnibFormat().IsMatch(value)
                ? null
                : $"{name} : le numéro de CNIB est une lettre suivie de 7 à 9 chiffres (ex. B12345678).",
            FieldType.Matricule => MatriculeFormat().IsMatch(value)
                ? null
                : $"{name} : le matricule est composé de 6 ou 7 chiffres suivis d'une lettre (ex. 212345A).",
            _ => null,
        };
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

    public static string FormatDate(DateOnly date) => date.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);

    /// <summary>"5 000 FCFA" as French typography writes it, on one line wherever it falls: a narrow no-break space
    /// (U+202F) between thousands, a no-break space (U+00A0) before the currency. Pages, e-mails and PDFs all use it.</summary>
    public static string FormatAmount(long amount) =>
        amount.ToString("#,0", Thousands) + "\u00A0FCFA";

    private static string? CheckText(FormField field, string value, string name)
    {
        var max = field.MaxLength ?? (field.Type == FieldType.LongText ? DefaultLongTextMax : DefaultTextMax);
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

    private static string? CheckNumber(FormField field, string value, string name, string formatMessage)
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

    private static string? CheckDate(FormField field, string value, string name, DateOnly today)
    {
        if (!TryDate(value, out var date) || date.Year < 1900 || date.Year > 2200)
        {
            return $"{name} doit être une date valide (jj/mm/aaaa).";
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

    private static bool HasControlCharacters(string value, bool allowNewLines) =>
        value.Any(c => char.IsControl(c) && !(allowNewLines && c is '\n' or '\t'));

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();

    [GeneratedRegex(@"[\s.\-()]")]
    private static partial Regex PhoneSeparators();

    [GeneratedRegex(@"^[^@\s<>""]+@[^@\s<>""]+\.[A-Za-z]{2,}$")]
    private static partial Regex EmailFormat();

    [GeneratedRegex(@"^[A-Z][0-9]{7,9}$")]
    private static partial Regex CnibFormat();

    [GeneratedRegex(@"^[0-9]{6,7}[A-Z]$")]
    private static partial Regex MatriculeFormat();
}
