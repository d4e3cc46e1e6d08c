namespace EServices.Web.Infrastructure;

/// <summary>One labelled input with its hint and error, rendered by _Input.cshtml.</summary>
public sealed record InputField(string Name, string Label, string? Value, string Type = "text")
{
    public string? Hint { get; init; }
    public string? Autocomplete { get; init; }
    public string? InputMode { get; init; }
    public bool Required { get; init; }
    public int? MaxLength { get; init; }

    /// <summary>Height of a textarea (_Textarea.cshtml), in lines.</summary>
    public int Rows { get; init; } = 4;
    public string Id => FieldIds.For(Name);
}
