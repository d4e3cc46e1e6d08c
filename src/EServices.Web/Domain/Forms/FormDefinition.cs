using System.Text.Json;
using System.Text.Json.Serialization;

namespace EServices.Web.Domain.Forms;

/// <summary>A procedure's form: one step per section, each with its fields.</summary>
public sealed record FormDefinition
{
    public static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public IReadOnlyList<FormStep> Steps { get; init; } = [];

    public static FormDefinition FromJson(string json) =>
        JsonSerializer.Deserialize<FormDefinition>(json, JsonOptions)
        ?? throw new InvalidOperationException("Empty form definition.");

    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions);

    /// <summary>Every field that takes an answer, repeatable blocks included but not their children.</summary>
    public IEnumerable<FormField> AnswerFields => Steps.SelectMany(s => s.Fields).Where(f => f.TakesAnswer);

    public FormField? Find(string key) => Steps.SelectMany(s => s.Fields).FirstOrDefault(f => f.Key == key);
}

public sealed record FormStep
{
    public required string Title { get; init; }
    public string? Intro { get; init; }
    public IReadOnlyList<FormField> Fields { get; init; } = [];
}

public sealed record FormField
{
    public required string Key { get; init; }
    public required FieldType Type { get; init; }
    public required string Label { get; init; }
    public string? Help { get; init; }
    public bool Required { get; init; }

    /// <summary>Bounds: a number for integers and amounts, a date (yyyy-MM-dd or "today") for dates,
    /// a count for multiple choices and repeatable blocks.</summary>
    public string? Min { get; init; }

    public string? Max { get; init; }
    public int? MinLength { get; init; }
    public int? MaxLength { get; init; }
    public string? Pattern { get; init; }
    public string? PatternMessage { get; init; }
    public IReadOnlyList<FieldOption>? Options { get; init; }
    public Condition? ShowWhen { get; init; }

    /// <summary>The fields of one row of a repeatable block.</summary>
    public IReadOnlyList<FormField>? Fields { get; init; }

    [JsonIgnore]
    public FieldKind Kind => FieldKinds.Of(Type);

    /// <summary>The choices offered: the type's own (regions, oui/non) or those the author listed.</summary>
    [JsonIgnore]
    public IReadOnlyList<FieldOption> Choices => Kind.FixedChoices ?? Options ?? [];

    [JsonIgnore]
    public bool TakesAnswer => Kind.Shape != AnswerShape.None;
}

public sealed record FieldOption(string Value, string Label);

/// <summary>"Show only when field X is V".</summary>
public sealed record Condition(string Field, string EqualTo);
