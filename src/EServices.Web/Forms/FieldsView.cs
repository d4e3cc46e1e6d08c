namespace EServices.Web.Forms;

/// <summary>A group of fields drawn together (a step, or the fields of a correction), with what is already entered.</summary>
public sealed record FieldsView(IReadOnlyList<FormField> Fields, FormAnswers Answers, IReadOnlyDictionary<string, AttachedFile> Files, long MaxFileBytes);
