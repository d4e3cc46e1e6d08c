namespace EServices.Web.Forms;

/// <summary>One field as a field partial draws it: its definition, the name it posts under and what is already entered.</summary>
public sealed record FieldView(FormField Field, string Name, string? Value)
{
    public IReadOnlyList<string> Values { get; init; } = [];
    public IReadOnlyList<IReadOnlyDictionary<string, string?>> Rows { get; init; } = [];
    public string? FileName { get; init; }
    public string? FileSize { get; init; }
    public long MaxFileBytes { get; init; }

    /// <summary>Set when the field depends on another field of the same step: a sentence saying when to fill it.</summary>
    public string? ConditionText { get; init; }

    public string Id => Infrastructure.FieldIds.For(Name);

    /// <summary>The ids of the hint and the error that describe the field, for aria-describedby.</summary>
    public string? DescribedBy(bool hasError)
    {
        var ids = string.Join(' ', new[] { Hint is null && Field.Type is not (FieldType.MultiChoice or FieldType.File) ? null : Id + "-aide", hasError ? Id + "-erreur" : null }.Where(i => i is not null));
        return ids.Length == 0 ? null : ids;
    }

    public string Partial => Field.Type switch
    {
        FieldType.LongText => "~/Forms/Views/Fields/_LongText.cshtml",
        FieldType.YesNo => "~/Forms/Views/Fields/_YesNo.cshtml",
        FieldType.Choice or FieldType.Region => "~/Forms/Views/Fields/_Choice.cshtml",
        FieldType.MultiChoice => "~/Forms/Views/Fields/_MultiChoice.cshtml",
        FieldType.File => "~/Forms/Views/Fields/_File.cshtml",
        FieldType.Info => "~/Forms/Views/Fields/_Info.cshtml",
        FieldType.Repeat => "~/Forms/Views/Fields/_Repeat.cshtml",
        _ => "~/Forms/Views/Fields/_TextInput.cshtml",
    };

    /// <summary>The hint under the label: the author's help, else what the type expects.</summary>
    public string? Hint => Field.Help ?? Field.Type switch
    {
        FieldType.Phone => "+226 suivi de 8 chiffres, ex. +226 70 12 34 56",
        FieldType.Amount => "En francs CFA, sans décimales, ex. 150000",
        FieldType.Cnib => "Une lettre suivie de chiffres, ex. B12345678",
        FieldType.Matricule => "6 ou 7 chiffres suivis d'une lettre, ex. 212345A",
        FieldType.Date => "Format jj/mm/aaaa",
        FieldType.File => null,
        _ => null,
    };
}
