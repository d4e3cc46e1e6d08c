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

    /// <summary>The ids of the hint and the error that describe the field, for aria-describedby. The partials of
    /// several values and of files always print a hint (what to tick, which files).</summary>
    public string? DescribedBy(bool hasError)
    {
        var ids = string.Join(' ', new[] { Hint is null && Field.Kind.Shape is not (AnswerShape.Many or AnswerShape.File) ? null : Id + "-aide", hasError ? Id + "-erreur" : null }.Where(i => i is not null));
        return ids.Length == 0 ? null : ids;
    }

    public string Partial => $"~/Forms/Views/Fields/{Field.Kind.Partial}.cshtml";

    /// <summary>The hint under the label: the author's help, else what the type expects.</summary>
    public string? Hint => Field.Help ?? Field.Kind.Hint;
}
