using System.Globalization;

namespace EServices.Web.Domain.Forms;

/// <summary>An answer as the applicant and the agent read it: labels for choices, dates as dd/mm/yyyy, amounts in FCFA.</summary>
public static class AnswerDisplay
{
    public static string Simple(FormField field, string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "Non renseigné";
        }

        return field.Type switch
        {
            FieldType.Choice or FieldType.Region => field.Choices.FirstOrDefault(o => o.Value == value)?.Label ?? value,
            FieldType.YesNo => value == "oui" ? "Oui" : value == "non" ? "Non" : value,
            FieldType.Date => FieldRules.TryDate(value, out var d) ? FieldRules.FormatDate(d) : value,
            FieldType.Amount => long.TryParse(value, CultureInfo.InvariantCulture, out var a) ? FieldRules.FormatAmount(a) : value,
            _ => value,
        };
    }

    public static string Many(FormField field, IReadOnlyList<string> values) =>
        values.Count == 0 ? "Non renseigné" : string.Join(", ", values.Select(v => field.Choices.FirstOrDefault(o => o.Value == v)?.Label ?? v));
}
