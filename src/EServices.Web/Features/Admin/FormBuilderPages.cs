using EServices.Web.Forms;

namespace EServices.Web.Features.Admin;

public sealed record FormBuilderPage(Procedure Procedure, FormDefinition Definition, FormVersion? Draft, IReadOnlyList<DefinitionProblem> Problems);

public sealed record FieldEditPage(Procedure Procedure, FieldForm Form, string Action, string? Block, IReadOnlyList<FormField> EarlierChoices);

/// <summary>One row of the builder's field table; a column of a repeatable block has its block's key.</summary>
public sealed record BuilderFieldRow(int ProcedureId, FormField Field, string? Block);

/// <summary>What the builder's pages show and the rules its changes share.</summary>
public static class FormBuilderPages
{
    /// <summary>Problems the change adds. Empty steps and blocks are expected while a form is being built:
    /// they are listed on the page and block publication, not the change.</summary>
    public static List<DefinitionProblem> NewProblems(FormDefinition before, FormDefinition after)
    {
        var existing = DefinitionCheck.Problems(before).Select(p => p.Message).ToHashSet();
        return [.. DefinitionCheck.Problems(after).Where(p => p.Input is not (DefinitionInput.Step or DefinitionInput.Fields) && !existing.Contains(p.Message))];
    }

    public static string InputName(DefinitionInput input) => input switch
    {
        DefinitionInput.Key => nameof(FieldForm.Key),
        DefinitionInput.Type or DefinitionInput.Fields => nameof(FieldForm.Type),
        DefinitionInput.Label => nameof(FieldForm.Label),
        DefinitionInput.Options => nameof(FieldForm.Options),
        DefinitionInput.ShowWhen => nameof(FieldForm.ShowWhenField),
        DefinitionInput.Bounds => nameof(FieldForm.Min),
        DefinitionInput.Pattern => nameof(FieldForm.Pattern),
        _ => "",
    };

    /// <summary>The definition being edited: the draft, else the live version (a change will copy it into a draft).</summary>
    public static FormDefinition Current(Procedure procedure) =>
        (procedure.DraftFormVersion ?? procedure.PublishedFormVersion)?.Parse() ?? Publishing.Blank;

    public static FormBuilderPage BuilderPage(Procedure procedure)
    {
        var definition = Current(procedure);
        return new FormBuilderPage(procedure, definition, procedure.DraftFormVersion, DefinitionCheck.Problems(definition));
    }

    public static FieldEditPage EditPage(Procedure procedure, FormDefinition definition, FieldForm form, string? key, int step, string? block)
    {
        // A condition may point to a yes/no or choice field placed before this one.
        var before = new List<FormField>();
        foreach (var field in definition.Steps.Take(key is null || block is not null ? step : DefinitionEdit.StepOf(definition, key) + 1).SelectMany(s => s.Fields))
        {
            if (field.Key == (block ?? key))
            {
                break;
            }

            if (field.Kind.IsList)
            {
                before.Add(field);
            }
        }

        var action = $"{BuilderUrl(procedure.Id)}/champs/{(key is null ? $"nouveau?etape={step}" : key)}{(block is null ? "" : $"{(key is null ? "&" : "?")}bloc={block}")}";
        return new FieldEditPage(procedure, form, action, block, block is null ? before : []);
    }

    public static bool InRange(FormDefinition form, int step) => step >= 1 && step <= form.Steps.Count;

    public static bool Has(FormDefinition form, string key, string? block) => DefinitionEdit.Find(form, key, block) is not null;

    public static bool Placeable(FormDefinition form, int step, string? block) =>
        block is null ? InRange(form, step) : form.Find(block) is { Type: FieldType.Repeat };

    public static string BuilderUrl(int id) => $"/admin/demarches/{id}/formulaire";
}
