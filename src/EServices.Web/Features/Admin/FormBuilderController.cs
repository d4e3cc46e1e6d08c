using EServices.Web.Forms;
using static EServices.Web.Features.Admin.FormBuilderPages;

namespace EServices.Web.Features.Admin;

/// <summary>
/// The form builder, usable without JavaScript: every change (a step, a field, a move) is one small form posted here,
/// applied to the draft version and kept only if it creates no new problem in the definition (see
/// <see cref="DefinitionCheck"/>). The published version is never edited: the first change opens draft N+1.
/// </summary>
[Authorize(Policy = AuthorizationPolicies.Admin)]
[Route("admin/demarches/{id:int}/formulaire")]
public sealed class FormBuilderController(Publishing publishing) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Builder(int id, CancellationToken ct) =>
        await publishing.FindAsync(id, ct) is { } procedure ? View(BuilderPage(procedure)) : NotFound();

    [HttpPost("etapes")]
    public Task<IActionResult> AddStep(int id, string? title, CancellationToken ct) =>
        string.IsNullOrWhiteSpace(title)
            ? Refuse(id, "Saisissez le titre de la nouvelle étape.", ct)
            : Change(id, $"étape « {title.Trim()} » ajoutée", form => DefinitionEdit.AddStep(form, title.Trim()), ct);

    [HttpPost("etapes/{step:int}")]
    public Task<IActionResult> UpdateStep(int id, int step, string? title, string? intro, CancellationToken ct) =>
        string.IsNullOrWhiteSpace(title)
            ? Refuse(id, $"Étape {step} : le titre ne peut pas être vide.", ct)
            : Change(id, $"étape {step} modifiée", form => InRange(form, step) ? DefinitionEdit.UpdateStep(form, step - 1, title.Trim(), string.IsNullOrWhiteSpace(intro) ? null : intro.Trim()) : form, ct);

    [HttpPost("etapes/{step:int}/monter")]
    public Task<IActionResult> StepUp(int id, int step, CancellationToken ct) =>
        Change(id, $"étape {step} montée", form => InRange(form, step) ? DefinitionEdit.MoveStep(form, step - 1, -1) : form, ct);

    [HttpPost("etapes/{step:int}/descendre")]
    public Task<IActionResult> StepDown(int id, int step, CancellationToken ct) =>
        Change(id, $"étape {step} descendue", form => InRange(form, step) ? DefinitionEdit.MoveStep(form, step - 1, 1) : form, ct);

    [HttpPost("etapes/{step:int}/supprimer")]
    public Task<IActionResult> RemoveStep(int id, int step, CancellationToken ct) =>
        Change(id, $"étape {step} supprimée", form => InRange(form, step) ? DefinitionEdit.RemoveStep(form, step - 1) : form, ct);

    [HttpPost("champs/{key}/monter")]
    public Task<IActionResult> FieldUp(int id, string key, string? bloc, CancellationToken ct) =>
        Change(id, $"champ « {key} » monté", form => Has(form, key, bloc) ? DefinitionEdit.MoveField(form, key, bloc, -1) : form, ct);

    [HttpPost("champs/{key}/descendre")]
    public Task<IActionResult> FieldDown(int id, string key, string? bloc, CancellationToken ct) =>
        Change(id, $"champ « {key} » descendu", form => Has(form, key, bloc) ? DefinitionEdit.MoveField(form, key, bloc, 1) : form, ct);

    [HttpPost("champs/{key}/supprimer")]
    public Task<IActionResult> RemoveField(int id, string key, string? bloc, CancellationToken ct) =>
        Change(id, $"champ « {key} » supprimé", form => Has(form, key, bloc) ? DefinitionEdit.RemoveField(form, key, bloc) : form, ct);

    [HttpGet("champs/nouveau")]
    public async Task<IActionResult> NewField(int id, int etape, string? bloc, CancellationToken ct)
    {
        if (await publishing.FindAsync(id, ct) is not { } procedure)
        {
            return NotFound();
        }

        var definition = Current(procedure);
        return Placeable(definition, etape, bloc)
            ? View("FieldEdit", EditPage(procedure, definition, new FieldForm(), null, etape, bloc))
            : NotFound();
    }

    [HttpGet("champs/{key}")]
    public async Task<IActionResult> EditField(int id, string key, string? bloc, CancellationToken ct)
    {
        if (await publishing.FindAsync(id, ct) is not { } procedure)
        {
            return NotFound();
        }

        var definition = Current(procedure);
        return DefinitionEdit.Find(definition, key, bloc) is { } field
            ? View("FieldEdit", EditPage(procedure, definition, FieldForm.From(field), key, 0, bloc))
            : NotFound();
    }

    [HttpPost("champs/nouveau")]
    [HttpPost("champs/{key}")]
    public async Task<IActionResult> SaveField(int id, [FromRoute] string? key, [FromQuery] int etape, [FromQuery] string? bloc, FieldForm form, [FromServices] SaveField.Handler save, CancellationToken ct)
    {
        if (await publishing.FindAsync(id, ct) is not { } procedure)
        {
            return NotFound();
        }

        var before = Current(procedure);
        if (key is null ? !Placeable(before, etape, bloc) : DefinitionEdit.Find(before, key, bloc) is null)
        {
            return NotFound();
        }

        if (!this.Check(await save.HandleAsync(procedure, before, key, etape, bloc, form, ct)))
        {
            return this.Redisplay("FieldEdit", EditPage(procedure, before, form, key, etape, bloc));
        }

        var field = form.ToField();
        return this.Saved($"Le champ « {field.Label} » est enregistré dans le brouillon.",
            BuilderUrl(id) + (field.Type == FieldType.Repeat && key is null ? $"#bloc-{field.Key}" : ""));
    }

    /// <summary>Applies one change to the draft (opening it if needed) unless it creates a new problem.</summary>
    private async Task<IActionResult> Change(int id, string what, Func<FormDefinition, FormDefinition> change, CancellationToken ct)
    {
        if (await publishing.FindAsync(id, ct) is not { } procedure)
        {
            return NotFound();
        }

        var before = Current(procedure);
        var after = change(before);
        var problems = NewProblems(before, after).Select(p => p.Message).ToList();
        if (problems.Count > 0)
        {
            ModelState.AddModelError("", $"Modification refusée : {string.Join(" ", problems)}");
            return this.Redisplay("Builder", BuilderPage(procedure));
        }

        await publishing.SaveDraftAsync(procedure, after, what, ct);
        return Redirect(BuilderUrl(id));
    }

    private async Task<IActionResult> Refuse(int id, string message, CancellationToken ct)
    {
        if (await publishing.FindAsync(id, ct) is not { } procedure)
        {
            return NotFound();
        }

        ModelState.AddModelError("", message);
        return this.Redisplay("Builder", BuilderPage(procedure));
    }
}
