namespace EServices.Web.Domain.Forms;

/// <summary>How an answer is held in <see cref="FormAnswers"/>: one value, several, rows of a block, a file, or none
/// (an explanation). Reading, validating and showing answers switch on this, never on the type.</summary>
public enum AnswerShape
{
    None,
    Single,
    Many,
    Rows,
    File,
}

/// <summary>What a field's Min and Max mean: nothing (they are refused), a number (a count for choices and blocks), a date.</summary>
public enum FieldBounds
{
    None,
    Number,
    Date,
}

/// <summary>A format as the hint announces it and the rule's message repeats it, written once so that they cannot drift.</summary>
public sealed record FieldFormat(string Rule, string? Example = null)
{
    public string Hint => Example is null ? $"Format {Rule}" : $"{char.ToUpperInvariant(Rule[0])}{Rule[1..]}, ex. {Example}";

    public override string ToString() => Example is null ? Rule : $"{Rule} (ex. {Example})";
}

/// <summary>The HTML input a one-line type is typed into.</summary>
public sealed record HtmlInput(string Type, string? InputMode = null, string? Autocomplete = null);

/// <summary>Everything the portal knows about one field type (<see cref="FieldKinds"/> holds one per type). The value
/// given to <see cref="Normalise"/> is already trimmed; <see cref="Check"/> gets a non-empty value and the field's
/// name in French quotes and returns the error, or null.</summary>
public sealed record FieldKind
{
    /// <summary>The type's name in the form builder.</summary>
    public required string Label { get; init; }

    public AnswerShape Shape { get; init; } = AnswerShape.Single;

    /// <summary>The partial of Forms/Views/Fields that draws the field.</summary>
    public string Partial { get; init; } = "_TextInput";

    public HtmlInput Input { get; init; } = new("text");

    /// <summary>Set for text typed freely: the length allowed when the author sets none.</summary>
    public int? DefaultMaxLength { get; init; }

    public bool MultiLine { get; init; }

    public FieldFormat? Format { get; init; }

    public string? Hint => Format?.Hint;

    public FieldBounds Bounds { get; init; }

    /// <summary>The author lists the choices (choice, multiple choice).</summary>
    public bool HasOptions { get; init; }

    /// <summary>The choices every field of the type offers (regions, oui/non).</summary>
    public IReadOnlyList<FieldOption>? FixedChoices { get; init; }

    /// <summary>The answer is one or several values of a list: a "show only when" condition can point to it.</summary>
    public bool IsList => HasOptions || FixedChoices is not null;

    /// <summary>What a list is called where a request is routed by its answer.</summary>
    public string ListName { get; init; } = "choix";

    /// <summary>Whether a column of a repeatable block may have this type (one row holds plain values).</summary>
    public bool InBlock => Shape is AnswerShape.Single or AnswerShape.Many;

    public Func<string, string> Normalise { get; init; } = value => value;

    public Func<FormField, string, string, DateOnly, string?> Check { get; init; } = (_, _, _, _) => null;

    /// <summary>A stored value as people read it.</summary>
    public Func<FormField, string, string> Display { get; init; } = (_, value) => value;

    /// <summary>A value that looks real, for the preview of a certificate.</summary>
    public Func<FormField, string> Sample { get; init; } = field => $"[{field.Label}]";
}
