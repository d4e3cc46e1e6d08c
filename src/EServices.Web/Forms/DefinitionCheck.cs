using System.Globalization;
using System.Text.RegularExpressions;

namespace EServices.Web.Forms;

/// <summary>
/// Checks a form definition before it is stored: unique keys that are not portal words, conditions that point to earlier fields and
/// existing values, choices present, bounds that parse. Returns French messages; none means valid.
/// </summary>
public static partial class DefinitionCheck
{
    public static IReadOnlyList<string> Errors(FormDefinition definition) => Problems(definition).Select(p => p.Message).ToList();

    /// <summary>The same checks, each saying which field (by key) and which of its settings it is about, so that
    /// the form builder can show it next to that setting.</summary>
    public static IReadOnlyList<DefinitionProblem> Problems(FormDefinition definition)
    {
        var errors = new ProblemList();
        if (definition.Steps.Count == 0)
        {
            errors.Add(DefinitionInput.Step, "Le formulaire doit comporter au moins une étape.");
        }

        var seen = new Dictionary<string, FormField>();
        for (var s = 0; s < definition.Steps.Count; s++)
        {
            var step = definition.Steps[s];
            var where = $"Étape {s + 1}";
            errors.Field = null;
            if (string.IsNullOrWhiteSpace(step.Title))
            {
                errors.Add(DefinitionInput.Step, $"{where} : donnez un titre à l'étape.");
            }

            if (step.Fields.Count == 0)
            {
                errors.Add(DefinitionInput.Step, $"{where} : l'étape ne contient aucun champ.");
            }

            foreach (var field in step.Fields)
            {
                CheckField(field, $"{where}, champ « {field.Key} »", seen, errors, insideBlock: false);
                if (!string.IsNullOrEmpty(field.Key) && !seen.TryAdd(field.Key, field))
                {
                    errors.Field = field.Key;
                    errors.Add(DefinitionInput.Key, $"{where} : la clé « {field.Key} » est déjà utilisée par un autre champ.");
                }
            }
        }

        return errors;
    }

    private static void CheckField(FormField field, string where, Dictionary<string, FormField> earlier, ProblemList errors, bool insideBlock)
    {
        errors.Field = field.Key;
        if (!KeyFormat().IsMatch(field.Key ?? ""))
        {
            errors.Add(DefinitionInput.Key, $"{where} : la clé doit commencer par une lettre minuscule et ne contenir que des lettres minuscules, des chiffres et « _ » (50 caractères au plus).");
        }

        // A key named like a portal word would be hidden by it in every certificate and e-mail (TemplateWords).
        if (TemplateWords.IsReserved(field.Key, out var word))
        {
            errors.Add(DefinitionInput.Key, $"{where} : « {word.Name} » est un mot réservé du portail ({word.Meaning}) : choisissez une autre clé, par exemple « {TemplateWords.Suggestion(word.Name)} ».");
        }

        if (string.IsNullOrWhiteSpace(field.Label))
        {
            errors.Add(DefinitionInput.Label, $"{where} : le libellé est obligatoire.");
        }

        if (field.Kind.HasOptions)
        {
            var options = field.Options ?? [];
            if (options.Count == 0)
            {
                errors.Add(DefinitionInput.Options, $"{where} : ajoutez au moins un choix.");
            }

            if (options.Any(o => string.IsNullOrWhiteSpace(o.Value) || string.IsNullOrWhiteSpace(o.Label)))
            {
                errors.Add(DefinitionInput.Options, $"{where} : chaque choix doit avoir une valeur et un libellé.");
            }

            if (options.GroupBy(o => o.Value).Any(g => g.Count() > 1))
            {
                errors.Add(DefinitionInput.Options, $"{where} : deux choix ont la même valeur.");
            }
        }

        if (field.ShowWhen is { } condition)
        {
            CheckCondition(condition, where, earlier, errors);
        }

        CheckBounds(field, where, errors);

        if (field.Pattern is { } pattern)
        {
            try
            {
                _ = new Regex(pattern, RegexOptions.None, TimeSpan.FromMilliseconds(100));
            }
            catch (ArgumentException)
            {
                errors.Add(DefinitionInput.Pattern, $"{where} : le motif de validation n'est pas une expression régulière valide.");
            }
        }

        if (field.Type == FieldType.Repeat)
        {
            if (insideBlock)
            {
                errors.Add(DefinitionInput.Type, $"{where} : un bloc répétable ne peut pas contenir un autre bloc répétable.");
                return;
            }

            var children = field.Fields ?? [];
            if (children.Count == 0)
            {
                errors.Add(DefinitionInput.Fields, $"{where} : un bloc répétable doit contenir au moins un champ.");
            }

            var keys = new HashSet<string>();
            foreach (var child in children)
            {
                errors.Field = field.Key + "." + child.Key;
                var childWhere = $"{where}, colonne « {child.Key} »";
                if (!child.Kind.InBlock)
                {
                    errors.Add(DefinitionInput.Type, $"{childWhere} : un bloc répétable ne peut contenir ni fichier, ni bloc, ni texte explicatif.");
                }

                if (child.ShowWhen is not null)
                {
                    errors.Add(DefinitionInput.ShowWhen, $"{childWhere} : la condition d'affichage n'est pas possible dans un bloc répétable.");
                }

                CheckField(child with { ShowWhen = null }, childWhere, earlier, errors, insideBlock: true);
                errors.Field = field.Key; // what follows is about the block itself
                if (!keys.Add(child.Key ?? ""))
                {
                    errors.Add(DefinitionInput.Key, $"{childWhere} : cette clé est déjà utilisée dans le bloc.");
                }
            }
        }
    }

    private static void CheckCondition(Condition condition, string where, Dictionary<string, FormField> earlier, ProblemList errors)
    {
        if (!earlier.TryGetValue(condition.Field, out var parent))
        {
            errors.Add(DefinitionInput.ShowWhen, $"{where} : la condition d'affichage porte sur « {condition.Field} », qui n'est pas un champ placé avant celui-ci.");
            return;
        }

        var values = parent.Choices.Select(o => o.Value).ToList();
        if (!parent.Kind.IsList)
        {
            errors.Add(DefinitionInput.ShowWhen, $"{where} : la condition d'affichage doit porter sur un champ à choix ou oui/non.");
        }
        else if (!values.Contains(condition.EqualTo))
        {
            errors.Add(DefinitionInput.ShowWhen, $"{where} : « {condition.EqualTo} » n'est pas une réponse possible de « {condition.Field} ».");
        }
    }

    private static void CheckBounds(FormField field, string where, ProblemList errors)
    {
        if (field.Min is null && field.Max is null)
        {
            return;
        }

        switch (field.Kind.Bounds)
        {
            case FieldBounds.Number:
                long? Number(string? v) => v is null ? null : long.TryParse(v, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) ? n : long.MinValue;
                var (min, max) = (Number(field.Min), Number(field.Max));
                if (min == long.MinValue || max == long.MinValue)
                {
                    errors.Add(DefinitionInput.Bounds, $"{where} : le minimum et le maximum doivent être des nombres entiers.");
                }
                else if (min > max)
                {
                    errors.Add(DefinitionInput.Bounds, $"{where} : le minimum est supérieur au maximum.");
                }

                break;
            case FieldBounds.Date:
                bool Valid(string? v) => v is null or "today" || FieldRules.TryDate(v, out _);
                if (!Valid(field.Min) || !Valid(field.Max))
                {
                    errors.Add(DefinitionInput.Bounds, $"{where} : les bornes d'une date s'écrivent aaaa-mm-jj ou « today ».");
                }

                break;
            case FieldBounds.None:
                errors.Add(DefinitionInput.Bounds, $"{where} : un minimum ou un maximum n'a de sens que pour un nombre, un montant, une date, un choix multiple ou un bloc.");
                break;
        }
    }

    /// <summary>Collects problems, each tagged with the field being checked.</summary>
    private sealed class ProblemList : List<DefinitionProblem>
    {
        public string? Field { get; set; }

        public void Add(DefinitionInput input, string message) => Add(new DefinitionProblem(Field, input, message));
    }

    [GeneratedRegex("^[a-z][a-z0-9_]{0,49}$")]
    private static partial Regex KeyFormat();
}

/// <summary>The setting of a field a problem is about.</summary>
public enum DefinitionInput
{
    Step,
    Key,
    Type,
    Label,
    Options,
    ShowWhen,
    Bounds,
    Pattern,
    Fields,
}

/// <summary>One problem of a form definition: on which field (key; "bloc.colonne" inside a block; null for the form
/// or a step), which setting, and the French message.</summary>
public sealed record DefinitionProblem(string? FieldKey, DefinitionInput Input, string Message);
