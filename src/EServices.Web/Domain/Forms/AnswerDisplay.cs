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

        return field.Kind.Display(field, value);
    }

    public static string Many(FormField field, IReadOnlyList<string> values) =>
        values.Count == 0 ? "Non renseigné" : string.Join(", ", values.Select(v => field.Choices.FirstOrDefault(o => o.Value == v)?.Label ?? v));
}
