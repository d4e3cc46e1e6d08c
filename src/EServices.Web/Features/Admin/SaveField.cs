using EServices.Web.Forms;
using FluentValidation;
using FluentValidation.Results;
using static EServices.Web.Features.Admin.FormBuilderPages;

namespace EServices.Web.Features.Admin;

/// <summary>Adds or changes a field of the draft (the command is the posted <see cref="FieldForm"/>): refused when its
/// validator fails or when the field would add a problem to the definition, shown next to the input concerned.</summary>
public static class SaveField
{
    public sealed class Handler(Publishing publishing, IValidator<FieldForm> validator)
    {
        /// <summary>The errors to show, none once the draft is saved.</summary>
        public async Task<ValidationResult> HandleAsync(
            Procedure procedure, FormDefinition before, string? key, int step, string? block, FieldForm form, CancellationToken ct)
        {
            var result = await validator.ValidateAsync(form, ct);
            if (!result.IsValid)
            {
                return result;
            }

            var field = form.ToField();
            var after = DefinitionEdit.PutField(before, step - 1, block, key, field);
            var path = block is null ? field.Key : $"{block}.{field.Key}";
            result.Errors.AddRange(NewProblems(before, after).Select(p => new ValidationFailure(p.FieldKey == path ? InputName(p.Input) : "", p.Message)));
            if (result.IsValid)
            {
                await publishing.SaveDraftAsync(procedure, after, key is null ? $"champ « {field.Key} » ajouté" : $"champ « {field.Key} » modifié", ct);
            }

            return result;
        }
    }
}
