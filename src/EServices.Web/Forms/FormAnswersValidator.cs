using System.Globalization;
using FluentValidation;

namespace EServices.Web.Forms;

/// <summary>
/// Validates answers against the fields of a form definition (one step, or the whole form at review).
/// Error property names are the field ids the views use: "key", or "key[2].child" inside a repeatable block.
/// </summary>
public sealed class FormAnswersValidator : AbstractValidator<FormAnswers>
{
    public FormAnswersValidator(IEnumerable<FormField> fields, DateOnly today)
    {
        foreach (var field in fields.Where(f => f.TakesAnswer))
        {
            RuleFor(a => a)
                .Custom((answers, context) =>
                {
                    if (!answers.IsVisible(field))
                    {
                        return;
                    }

                    foreach (var (key, message) in Errors(field, answers, today))
                    {
                        context.AddFailure(key, message);
                    }
                });
        }
    }

    private static IEnumerable<(string Key, string Message)> Errors(FormField field, FormAnswers answers, DateOnly today)
    {
        var name = $"« {field.Label} »";
        switch (field.Kind.Shape)
        {
            case AnswerShape.Many:
                var picked = answers.GetMany(field.Key);
                if (picked.Count == 0)
                {
                    if (field.Required)
                    {
                        yield return (field.Key, $"{name} : cochez au moins une réponse.");
                    }

                    yield break;
                }

                if (picked.Any(p => field.Choices.All(o => o.Value != p)))
                {
                    yield return (field.Key, $"{name} : choisissez parmi les réponses proposées.");
                }
                else if (int.TryParse(field.Max, CultureInfo.InvariantCulture, out var most) && picked.Count > most)
                {
                    yield return (field.Key, $"{name} : cochez au plus {most} réponses.");
                }

                break;

            case AnswerShape.Rows:
                var rows = answers.GetRows(field.Key);
                var least = int.TryParse(field.Min, CultureInfo.InvariantCulture, out var m) ? m : field.Required ? 1 : 0;
                var filled = rows.Count(r => r.Values.Any(v => !string.IsNullOrWhiteSpace(v)));
                if (filled < least)
                {
                    yield return (field.Key, least == 1 ? $"{name} : ajoutez au moins une ligne." : $"{name} : ajoutez au moins {least} lignes.");
                }

                if (int.TryParse(field.Max, CultureInfo.InvariantCulture, out var cap) && rows.Count > cap)
                {
                    yield return (field.Key, $"{name} : {cap} lignes au plus.");
                }

                for (var i = 0; i < rows.Count; i++)
                {
                    if (rows[i].Values.All(string.IsNullOrWhiteSpace) && filled >= least)
                    {
                        continue; // an empty extra row is simply ignored
                    }

                    foreach (var child in field.Fields ?? [])
                    {
                        var value = rows[i].GetValueOrDefault(child.Key);
                        if (SimpleError(child, value, today) is { } error)
                        {
                            yield return (RowKey(field.Key, i, child.Key), $"Ligne {i + 1} : {error}");
                        }
                    }
                }

                break;

            default:
                if (SimpleError(field, answers.Get(field.Key), today) is { } message)
                {
                    yield return (field.Key, message);
                }

                break;
        }
    }

    private static string? SimpleError(FormField field, string? value, DateOnly today)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return !field.Required ? null
                : field.Kind.Shape == AnswerShape.File ? $"« {field.Label} » : joignez le document."
                : $"« {field.Label} » est obligatoire.";
        }

        return field.Kind.Shape == AnswerShape.File ? null : FieldRules.Check(field, value, today);
    }

    public static string RowKey(string block, int row, string child) => $"{block}[{row}].{child}";
}
