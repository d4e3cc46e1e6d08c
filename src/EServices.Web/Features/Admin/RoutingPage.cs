
namespace EServices.Web.Features.Admin;

/// <summary>One line of the routing table as posted: a value of the routing field and the group it goes to ("" = the default group).</summary>
public sealed class RoutingLine
{
    public string? Value { get; set; }
    public string? Group { get; set; }
}

public sealed class RoutingForm
{
    /// <summary>The key of the field whose answer picks the group; empty for "no routing".</summary>
    public string? Field { get; set; }

    public List<RoutingLine> Rules { get; set; } = [];
}

/// <summary>The routing page of a procedure: which field of its form routes new requests, and where each answer goes.</summary>
public sealed record RoutingPage(
    int ProcedureId,
    string ProcedureTitle,
    int ServiceId,
    string ServiceCode,
    bool HasForm,
    IReadOnlyList<FormField> Fields,
    FormField? Field,
    string? SavedFieldKey,
    IReadOnlyList<(FieldOption Value, string Group)> Lines,
    IReadOnlyList<(int Id, string Name, bool IsDefault)> Groups)
{
    /// <summary>The fields whose answer is one value of a known list: single choice, region, yes/no.</summary>
    public static IEnumerable<FormField> Candidates(FormDefinition definition) =>
        definition.AnswerFields.Where(f => f.Kind.IsList && f.Kind.Shape == AnswerShape.Single);

    public static IReadOnlyList<FieldOption> ValuesOf(FormField field) => field.Choices;

    public static string TypeLabel(FieldType type) => FieldKinds.Of(type).ListName;
}
