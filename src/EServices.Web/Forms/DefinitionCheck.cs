using System.Globalization;
using System.Text.RegularExpressions;

namespace EServices.Web.Forms;

/// <summary>
/// Checks a form definition before it is stored: unique keys, conditions that point to earlier fields and
/// existing values, choices present, bounds that parse. Returns French messages; none means valid.
/// </summary>
public static partial class DefinitionCheck
{
    public static IReadOnlyList<string> Errors(FormDefinition definition)
    {
        var errors = new List<string>();
        if (definition.Steps.Count == 0)
        {
            errors.Add("Le formulaire doit comporter au moins une étape.");
        }

        var seen = new Dictionary<string, FormField>();
        for (var s = 0; s < definition.Steps.Count; s++)
        {
            var step = definition.Steps[s];
            var where = $"Étape {s + 1}";
            if (string.IsNullOrWhiteSpace(step.Title))
            {
                errors.Add($"{where} : donnez un titre à l'étape.");
            }

            if (step.Fields.Count == 0)
            {
                errors.Add($"{where} : l'étape ne contient aucun champ.");
            }

            foreach (var field in step.Fields)
            {
                CheckField(field, $"{where}, champ « {field.Key} »", seen, errors, insideBlock: false);
                if (!string.IsNullOrEmpty(field.Key) && !seen.TryAdd(field.Key, field))
                {
                    errors.Add($"{where} : la clé « {field.Key} » est déjà utilisée par un autre champ.");
                }
            }
        }

        return errors;
    }

    private static void CheckField(FormField field, string where, Dictionary<string, FormField> earlier, List<string> errors, bool insideBlock)
    {
        if (!KeyFormat().IsMatch(field.Key ?? ""))
        {
            errors.Add($"{where} : la clé doit commencer par une lettre minuscule et ne contenir que des lettres minuscules, des chiffres et « _ » (50 caractères au plus).");
        }

        if (string.IsNullOrWhiteSpace(field.Label))
        {
            errors.Add($"{where} : le libellé est obligatoire.");
        }

        if (field.Type is FieldType.Choice or FieldType.MultiChoice)
        {
            var options = field.Options ?? [];
            if (options.Count == 0)
            {
                errors.Add($"{where} : ajoutez au moins un choix.");
            }

            if (options.Any(o => string.IsNullOrWhiteSpace(o.Value) || string.IsNullOrWhiteSpace(o.Label)))
            {
                errors.Add($"{where} : chaque choix doit avoir une valeur et un libellé.");
            }

            if (options.GroupBy(o => o.Value).Any(g => g.Count() > 1))
            {
                errors.Add($"{where} : deux choix ont la même valeur.");
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
                errors.Add($"{where} : le motif de validation n'est pas une expression régulière valide.");
            }
        }

        if (field.Type == FieldType.Repeat)
        {
            if (insideBlock)
            {
                errors.Add($"{where} : un bloc répétable ne peut pas contenir un autre bloc répétable.");
                return;
            }

            var children = field.Fields ?? [];
            if (children.Count == 0)
            {
                errors.Add($"{where} : un bloc répétable doit contenir au moins un champ.");
            }

            var keys = new HashSet<string>();
            foreach (var child in children)
            {
                var childWhere = $"{where}, colonne « {child.Key} »";
                if (child.Type is FieldType.File or FieldType.Repeat or FieldType.Info)
                {
                    errors.Add($"{childWhere} : un bloc répétable ne peut contenir ni fichier, ni bloc, ni texte explicatif.");
                }

                if (child.ShowWhen is not null)
                {
                    errors.Add($"{childWhere} : la condition d'affichage n'est pas possible dans un bloc répétable.");
                }

                CheckField(child with { ShowWhen = null }, childWhere, earlier, errors, insideBlock: true);
                if (!keys.Add(child.Key ?? ""))
                {
                    errors.Add($"{childWhere} : cette clé est déjà utilisée dans le bloc.");
                }
            }
        }
    }

    private static void CheckCondition(Condition condition, string where, Dictionary<string, FormField> earlier, List<string> errors)
    {
        if (!earlier.TryGetValue(condition.Field, out var parent))
        {
            errors.Add($"{where} : la condition d'affichage porte sur « {condition.Field} », qui n'est pas un champ placé avant celui-ci.");
            return;
        }

        var values = parent.Type switch
        {
            FieldType.YesNo => ["oui", "non"],
            FieldType.Choice or FieldType.MultiChoice or FieldType.Region => parent.Choices.Select(o => o.Value).ToList(),
            _ => null,
        };
        if (values is null)
        {
            errors.Add($"{where} : la condition d'affichage doit porter sur un champ à choix ou oui/non.");
        }
        else if (!values.Contains(condition.EqualTo))
        {
            errors.Add($"{where} : « {condition.EqualTo} » n'est pas une réponse possible de « {condition.Field} ».");
        }
    }

    private static void CheckBounds(FormField field, string where, List<string> errors)
    {
        if (field.Min is null && field.Max is null)
        {
            return;
        }

        switch (field.Type)
        {
            case FieldType.Integer or FieldType.Amount or FieldType.MultiChoice or FieldType.Repeat:
                long? Number(string? v) => v is null ? null : long.TryParse(v, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) ? n : long.MinValue;
                var (min, max) = (Number(field.Min), Number(field.Max));
                if (min == long.MinValue || max == long.MinValue)
                {
                    errors.Add($"{where} : le minimum et le maximum doivent être des nombres entiers.");
                }
                else if (min > max)
                {
                    errors.Add($"{where} : le minimum est supérieur au maximum.");
                }

                break;
            case FieldType.Date:
                bool Valid(string? v) => v is null or "today" || FieldRules.TryDate(v, out _);
                if (!Valid(field.Min) || !Valid(field.Max))
                {
                    errors.Add($"{where} : les bornes d'une date s'écrivent aaaa-mm-jj ou « today ».");
                }

                break;
            default:
                errors.Add($"{where} : un minimum ou un maximum n'a de sens que pour un nombre, un montant, une date, un choix multiple ou un bloc.");
                break;
        }
    }

    [GeneratedRegex("^[a-z][a-z0-9_]{0,49}$")]
    private static partial Regex KeyFormat();
}
