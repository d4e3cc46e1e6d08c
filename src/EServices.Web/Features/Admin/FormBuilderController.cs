using EServices.Web.Forms;
using EServices.Web.Infrastructure;
using EServices.Web.Infrastructure.Storage;
using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace EServices.Web.Features.Admin;

public sealed record FormBuilderPage(Procedure Procedure, FormDefinition Definition, FormVersion? Draft, IReadOnlyList<DefinitionProblem> Problems);

public sealed record FieldEditPage(Procedure Procedure, FieldForm Form, string Action, string? Block, IReadOnlyList<FormField> EarlierChoices);

/// <summary>
/// The form builder, usable without JavaScript: every change (a step, a field, a move) is one small form posted here,
/// applied to the draft version and kept only if it creates no new problem in the definition (see
/// <see cref="DefinitionCheck"/>). The published version is never edited: the first change opens draft N+1.
/// </summary>
[Authorize(Policy = AuthorizationPolicies.Admin)]
[Route("admin/demarches/{id:int}/formulaire")]
public sealed class FormBuilderController(Publishing publishing, IValidator<FieldForm> validator, IOptions<StorageOptions> storage, TimeProvider clock) : Controller
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
    public async Task<IActionResult> SaveField(int id, [FromRoute] string? key, [FromQuery] int etape, [FromQuery] string? bloc, FieldForm form, CancellationToken ct)
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

        ModelState.Clear();
        ModelState.AddErrors(await validator.ValidateAsync(form, ct));
        if (ModelState.IsValid)
        {
            var field = form.ToField();
            var after = DefinitionEdit.PutField(before, etape - 1, bloc, key, field);
            var path = bloc is null ? field.Key : $"{bloc}.{field.Key}";
            foreach (var problem in NewProblems(before, after))
            {
                ModelState.AddModelError(problem.FieldKey == path ? InputName(problem.Input) : "", problem.Message);
            }

            if (ModelState.IsValid)
            {
                await publishing.SaveDraftAsync(procedure, after, key is null ? $"champ « {field.Key} » ajouté" : $"champ « {field.Key} » modifié", ct);
                TempData["Message"] = $"Le champ « {field.Label} » est enregistré dans le brouillon.";
                return Redirect(BuilderUrl(id) + (field.Type == FieldType.Repeat && key is null ? $"#bloc-{field.Key}" : ""));
            }
        }

        Response.StatusCode = StatusCodes.Status400BadRequest;
        return View("FieldEdit", EditPage(procedure, before, form, key, etape, bloc));
    }

    /// <summary>A step of the form exactly as the applicant will see it; posting it shows the applicant's errors.</summary>
    [HttpGet("apercu/{step:int}")]
    [HttpPost("apercu/{step:int}")]
    public async Task<IActionResult> Preview(int id, int step, CancellationToken ct)
    {
        if (await publishing.FindAsync(id, ct) is not { } procedure)
        {
            return NotFound();
        }

        var definition = Current(procedure);
        if (!InRange(definition, step))
        {
            return NotFound();
        }

        var answers = FormAnswers.Empty();
        if (HttpMethods.IsPost(Request.Method))
        {
            var posted = await Request.ReadFormAsync(ct);
            foreach (var file in posted.Files.Where(f => f.Length > 0))
            {
                answers.Set(file.Name, file.FileName); // nothing is stored: the file only counts as given
            }

            ModelState.Clear();
            switch (await DraftSteps.ReadStepAsync(definition.Steps[step - 1], posted, answers, ModelState, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime), ct))
            {
                case StepOutcome.Continue:
                    TempData["Message"] = "Aperçu : cette étape serait acceptée.";
                    return Redirect(step < definition.Steps.Count ? $"{BuilderUrl(id)}/apercu/{step + 1}" : BuilderUrl(id));
                case StepOutcome.Invalid:
                    Response.StatusCode = StatusCodes.Status400BadRequest;
                    break;
            }
        }

        return PreviewView(procedure, definition, step, answers);
    }

    private ViewResult PreviewView(Procedure procedure, FormDefinition definition, int step, FormAnswers answers) =>
        View("~/Features/Filing/Step.cshtml", new StepPage(
            Guid.Empty, procedure.Title, step, definition.Steps.Select(s => s.Title).ToList(), definition.Steps[step - 1], answers,
            new Dictionary<string, AttachedFile>(), FromReview: false, storage.Value.MaxFileBytes, PostTo: $"{BuilderUrl(procedure.Id)}/apercu/{step}"));

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
            Response.StatusCode = StatusCodes.Status400BadRequest;
            ModelState.AddModelError("", $"Modification refusée : {string.Join(" ", problems)}");
            return View("Builder", BuilderPage(procedure));
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
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return View("Builder", BuilderPage(procedure));
    }

    /// <summary>Problems the change adds. Empty steps and blocks are expected while a form is being built:
    /// they are listed on the page and block publication, not the change.</summary>
    private static List<DefinitionProblem> NewProblems(FormDefinition before, FormDefinition after)
    {
        var existing = DefinitionCheck.Problems(before).Select(p => p.Message).ToHashSet();
        return [.. DefinitionCheck.Problems(after).Where(p => p.Input is not (DefinitionInput.Step or DefinitionInput.Fields) && !existing.Contains(p.Message))];
    }

    private static string InputName(DefinitionInput input) => input switch
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
    private static FormDefinition Current(Procedure procedure) =>
        (procedure.DraftFormVersion ?? procedure.PublishedFormVersion)?.Parse() ?? Publishing.Blank;

    private static FormBuilderPage BuilderPage(Procedure procedure)
    {
        var definition = Current(procedure);
        return new FormBuilderPage(procedure, definition, procedure.DraftFormVersion, DefinitionCheck.Problems(definition));
    }

    private static FieldEditPage EditPage(Procedure procedure, FormDefinition definition, FieldForm form, string? key, int step, string? block)
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

    private static bool InRange(FormDefinition form, int step) => step >= 1 && step <= form.Steps.Count;

    private static bool Has(FormDefinition form, string key, string? block) => DefinitionEdit.Find(form, key, block) is not null;

    private static bool Placeable(FormDefinition form, int step, string? block) =>
        block is null ? InRange(form, step) : form.Find(block) is { Type: FieldType.Repeat };

    private static string BuilderUrl(int id) => $"/admin/demarches/{id}/formulaire";
}

/// <summary>One row of the builder's field table; a column of a repeatable block has its block's key.</summary>
public sealed record BuilderFieldRow(int ProcedureId, FormField Field, string? Block);
