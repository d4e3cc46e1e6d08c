using System.Globalization;
using System.Text;
using EServices.Web.Forms;
using FluentValidation;

namespace EServices.Web.Features.Admin;

/// <summary>One field as the form builder edits it: plain text inputs, choices one per line.</summary>
public sealed class FieldForm
{
    public FieldType Type { get; set; } = FieldType.Text;
    public string? Key { get; set; }
    public string? Label { get; set; }
    public string? Help { get; set; }
    public bool Required { get; set; }
    public string? Min { get; set; }
    public string? Max { get; set; }
    public string? MinLength { get; set; }
    public string? MaxLength { get; set; }
    public string? Pattern { get; set; }
    public string? PatternMessage { get; set; }

    /// <summary>One choice per line, "valeur | libellé" or just the label (the value is derived from it).</summary>
    public string? Options { get; set; }

    public string? ShowWhenField { get; set; }
    public string? ShowWhenValue { get; set; }

    /// <summary>The inputs in page order, for the error summary.</summary>
    public static readonly string[] Order =
        [nameof(Type), nameof(Label), nameof(Key), nameof(Help), nameof(Required), nameof(Options), nameof(Min), nameof(Max),
         nameof(MinLength), nameof(MaxLength), nameof(Pattern), nameof(PatternMessage), nameof(ShowWhenField), nameof(ShowWhenValue)];

    public static FieldForm From(FormField f) => new()
    {
        Type = f.Type, Key = f.Key, Label = f.Label, Help = f.Help, Required = f.Required, Min = f.Min, Max = f.Max,
        MinLength = f.MinLength?.ToString(CultureInfo.InvariantCulture), MaxLength = f.MaxLength?.ToString(CultureInfo.InvariantCulture),
        Pattern = f.Pattern, PatternMessage = f.PatternMessage,
        Options = f.Options is null ? null : string.Join('\n', f.Options.Select(o => $"{o.Value} | {o.Label}")),
        ShowWhenField = f.ShowWhen?.Field, ShowWhenValue = f.ShowWhen?.EqualTo,
    };

    public FormField ToField() => new()
    {
        Type = Type,
        Key = string.IsNullOrWhiteSpace(Key) ? KeyFrom(Label ?? "") : Key.Trim(),
        Label = Label?.Trim() ?? "",
        Help = Blank(Help),
        Required = Required && FieldKinds.Of(Type).Shape != AnswerShape.None,
        Min = Blank(Min),
        Max = Blank(Max),
        MinLength = int.TryParse(MinLength, out var minLength) ? minLength : null,
        MaxLength = int.TryParse(MaxLength, out var maxLength) ? maxLength : null,
        Pattern = Blank(Pattern),
        PatternMessage = Blank(PatternMessage),
        Options = FieldKinds.Of(Type).HasOptions ? ParseOptions(Options) : null,
        ShowWhen = string.IsNullOrWhiteSpace(ShowWhenField) ? null : new Condition(ShowWhenField, ShowWhenValue?.Trim() ?? ""),
    };

    public static List<FieldOption> ParseOptions(string? lines) =>
        [.. (lines ?? "").Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).Select(line =>
            line.Split('|', 2) is [var value, var label] ? new FieldOption(value.Trim(), label.Trim()) : new FieldOption(KeyFrom(line), line))];

    /// <summary>"Date de prise de service" → "date_de_prise_de_service": lower case, no accents, "_" between words.</summary>
    public static string KeyFrom(string label)
    {
        var plain = new StringBuilder();
        foreach (var c in label.Normalize(NormalizationForm.FormD).ToLowerInvariant())
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                plain.Append(c);
            }
            else if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark && plain.Length > 0 && plain[^1] != '_')
            {
                plain.Append('_');
            }
        }

        var key = plain.ToString().Trim('_');
        key = key.Length > 0 && char.IsAsciiDigit(key[0]) ? "champ_" + key : key;
        return key.Length > 50 ? key[..50].TrimEnd('_') : key;
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}

/// <summary>What can be said of one field alone; the rest (unique keys, conditions, choices) is
/// <see cref="DefinitionCheck"/> on the whole form.</summary>
public sealed class FieldFormValidator : AbstractValidator<FieldForm>
{
    public FieldFormValidator()
    {
        RuleFor(f => f.Type).IsInEnum().WithMessage("Choisissez un type de champ.");
        RuleFor(f => f.Label).NotEmpty().WithMessage("Saisissez le libellé que verra le demandeur.").MaximumLength(300).WithMessage("300 caractères au plus.");
        RuleFor(f => f.Help).MaximumLength(1000).WithMessage("1 000 caractères au plus.");
        RuleFor(f => f.MinLength).Must(BeCount).WithMessage("La longueur minimale est un nombre entier de caractères.");
        RuleFor(f => f.MaxLength).Must(BeCount).WithMessage("La longueur maximale est un nombre entier de caractères.");
        RuleFor(f => f.Options).Must(o => !string.IsNullOrWhiteSpace(o))
            .When(f => Enum.IsDefined(f.Type) && FieldKinds.Of(f.Type).HasOptions).WithMessage("Saisissez les choix proposés, un par ligne.");
        RuleFor(f => f.ShowWhenValue).NotEmpty().When(f => !string.IsNullOrWhiteSpace(f.ShowWhenField))
            .WithMessage("Indiquez la réponse qui fait apparaître ce champ.");
    }

    private static bool BeCount(string? value) => string.IsNullOrWhiteSpace(value) || (int.TryParse(value, out var n) && n is >= 0 and <= 100_000);
}
