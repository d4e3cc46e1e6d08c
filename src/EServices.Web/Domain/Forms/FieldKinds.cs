using System.Globalization;
using System.Text.RegularExpressions;

namespace EServices.Web.Domain.Forms;

/// <summary>
/// One descriptor per field type: how it is normalised, checked, drawn, shown and sampled. Adding a type is a member
/// of <see cref="FieldType"/>, an entry here and, when no existing partial draws it, a partial in Forms/Views/Fields.
/// FieldKindsTests walks every type through each member.
/// </summary>
public static partial class FieldKinds
{
    private static readonly FieldFormat PhoneFormat = new("+226 suivi de 8 chiffres", "+226 70 12 34 56");
    private static readonly FieldFormat AmountFormat = new("en francs CFA, sans décimales", "150000");
    private static readonly FieldFormat CnibFormat = new("une lettre suivie de 7 à 9 chiffres", "B12345678");
    private static readonly FieldFormat MatriculeFormat = new("6 ou 7 chiffres suivis d'une lettre", "212345A");
    private static readonly FieldFormat DateFormat = new("jj/mm/aaaa");

    private static readonly HtmlInput Numeric = new("text", "numeric");

    public static readonly IReadOnlyDictionary<FieldType, FieldKind> All = new Dictionary<FieldType, FieldKind>
    {
        [FieldType.Text] = new() { Label = "Texte court", DefaultMaxLength = FieldRules.DefaultTextMax, Check = CheckText },
        [FieldType.LongText] = new()
        {
            Label = "Texte long", Partial = "_LongText", DefaultMaxLength = FieldRules.DefaultLongTextMax, MultiLine = true,
            Normalise = value => value.ReplaceLineEndings("\n"),
            Check = CheckText,
        },
        [FieldType.Integer] = new()
        {
            Label = "Nombre entier", Input = Numeric, Bounds = FieldBounds.Number, Normalise = Digits,
            Check = (field, value, name, _) => FieldRules.CheckNumber(field, value, name, "doit être un nombre entier, sans espace ni virgule."),
            Sample = _ => "3",
        },
        [FieldType.Amount] = new()
        {
            Label = "Montant (FCFA)", Input = Numeric, Bounds = FieldBounds.Number, Format = AmountFormat, Normalise = Digits,
            Check = (field, value, name, _) => value.StartsWith('-')
                ? $"{name} ne peut pas être négatif."
                : FieldRules.CheckNumber(field, value, name, $"doit être un montant {AmountFormat}."),
            Display = (_, value) => long.TryParse(value, CultureInfo.InvariantCulture, out var a) ? FieldRules.FormatAmount(a) : value,
            Sample = _ => "150000",
        },
        [FieldType.Date] = new()
        {
            Label = "Date", Input = new("date"), Bounds = FieldBounds.Date, Format = DateFormat,
            Normalise = value => FieldRules.TryDate(value, out var date) ? date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : value,
            Check = (field, value, name, today) => FieldRules.CheckDate(field, value, name, today, $"doit être une date valide ({DateFormat})."),
            Display = (_, value) => FieldRules.TryDate(value, out var d) ? FieldRules.FormatDate(d) : value,
            Sample = _ => "1988-05-12",
        },
        [FieldType.Email] = new()
        {
            Label = "Adresse e-mail", Input = new("email", "email", "email"),
            Normalise = value => value.ToLowerInvariant(),
            Check = (_, value, name, _) => value.Length <= 254 && EmailPattern().IsMatch(value)
                ? null
                : $"{name} : saisissez une adresse e-mail valide (ex. nom@exemple.bf).",
            Sample = _ => "aminata.ouedraogo@example.bf",
        },
        [FieldType.Phone] = new()
        {
            Label = "Téléphone", Input = new("tel", "tel", "tel"), Format = PhoneFormat,
            Normalise = value => FieldRules.TryPhone(value, out var phone) ? phone : value,
            Check = (_, value, name, _) => FieldRules.TryPhone(value, out _) ? null : $"{name} : saisissez un numéro du Burkina Faso, {PhoneFormat}.",
            Sample = _ => "70 12 34 56",
        },
        [FieldType.YesNo] = new()
        {
            Label = "Oui / non", Partial = "_YesNo", FixedChoices = [new("oui", "Oui"), new("non", "Non")], ListName = "oui ou non",
            Check = (_, value, name, _) => value is "oui" or "non" ? null : $"{name} : répondez par oui ou par non.",
            Display = ChoiceLabel,
            Sample = FirstChoice,
        },
        [FieldType.Choice] = new()
        {
            Label = "Choix unique", Partial = "_Choice", HasOptions = true, Check = CheckChoice, Display = ChoiceLabel, Sample = FirstChoice,
        },
        [FieldType.MultiChoice] = new()
        {
            Label = "Choix multiple", Shape = AnswerShape.Many, Partial = "_MultiChoice", HasOptions = true, Bounds = FieldBounds.Number,
        },
        [FieldType.Cnib] = new()
        {
            Label = "Numéro de CNIB", Format = CnibFormat,
            Normalise = value => Spaces().Replace(value, "").ToUpperInvariant(),
            Check = (_, value, name, _) => CnibPattern().IsMatch(value) ? null : $"{name} : le numéro de CNIB est {CnibFormat}.",
            Sample = _ => "B12345678",
        },
        [FieldType.Matricule] = new()
        {
            Label = "Matricule", Format = MatriculeFormat,
            Normalise = value => Spaces().Replace(value, "").ToUpperInvariant() is var m && MatriculePattern().IsMatch(m) ? m : value,
            Check = (_, value, name, _) => MatriculePattern().IsMatch(value) ? null : $"{name} : le matricule est composé de {MatriculeFormat}.",
            Sample = _ => "212345A",
        },
        [FieldType.Region] = new()
        {
            Label = "Région", Partial = "_Choice", FixedChoices = Regions.Options, ListName = "région",
            Check = CheckChoice, Display = ChoiceLabel, Sample = FirstChoice,
        },
        [FieldType.File] = new() { Label = "Pièce jointe (fichier)", Shape = AnswerShape.File, Partial = "_File" },
        [FieldType.Info] = new() { Label = "Texte explicatif (sans réponse)", Shape = AnswerShape.None, Partial = "_Info" },
        [FieldType.Repeat] = new() { Label = "Bloc répétable (tableau)", Shape = AnswerShape.Rows, Partial = "_Repeat", Bounds = FieldBounds.Number },
    };

    public static FieldKind Of(FieldType type) => All[type];

    private static string? CheckText(FormField field, string value, string name, DateOnly today) => FieldRules.CheckText(field, value, name);

    private static string? CheckChoice(FormField field, string value, string name, DateOnly today) =>
        field.Choices.Any(o => o.Value == value) ? null : $"{name} : choisissez une réponse de la liste.";

    private static string ChoiceLabel(FormField field, string value) => field.Choices.FirstOrDefault(o => o.Value == value)?.Label ?? value;

    private static string FirstChoice(FormField field) => field.Choices.Count > 0 ? field.Choices[0].Value : "";

    private static string Digits(string value)
    {
        var digits = Spaces().Replace(value, "");
        return long.TryParse(digits, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _) ? digits : value;
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();

    [GeneratedRegex(@"^[^@\s<>""]+@[^@\s<>""]+\.[A-Za-z]{2,}$")]
    private static partial Regex EmailPattern();

    [GeneratedRegex(@"^[A-Z][0-9]{7,9}$")]
    private static partial Regex CnibPattern();

    [GeneratedRegex(@"^[0-9]{6,7}[A-Z]$")]
    private static partial Regex MatriculePattern();
}
