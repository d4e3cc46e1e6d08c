using EServices.Web.Forms;
using EServices.Web.Infrastructure;
using EServices.Web.Data;
using EServices.Web.Workflow;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace EServices.Web.Features.Filing;

/// <summary>The applicant's journey through a form: start, steps, review, submit. A draft is resumed from any step.</summary>
public sealed class FilingController(
    AppDbContext db,
    DraftSteps steps,
    SubmitDraft submit,
    UserManager<ApplicationUser> users,
    TimeProvider clock) : Controller
{
    private string UserId => users.GetUserId(User)!;

    [HttpPost("/demarches/{slug}/commencer")]
    [Authorize(Policy = AuthorizationPolicies.Applicant)]
    public Task<IActionResult> Start(string slug, CancellationToken ct) => StartAsync(slug, test: false, ct);

    /// <summary>The test link of a procedure being built: staff file through its draft; the request is marked as a
    /// test, processed like any other, and deleted when the procedure is published.</summary>
    [HttpPost("/demarches/{slug}/essai")]
    [Authorize(Policy = AuthorizationPolicies.BackOffice)]
    public Task<IActionResult> StartTest(string slug, CancellationToken ct) => StartAsync(slug, test: true, ct);

    private async Task<IActionResult> StartAsync(string slug, bool test, CancellationToken ct)
    {
        var procedure = await db.Procedures.FirstOrDefaultAsync(p => p.Slug == slug, ct);
        if (procedure is null)
        {
            return NotFound();
        }

        if (test ? procedure.DraftFormVersionId is null : !procedure.IsOnline)
        {
            TempData["Message"] = test
                ? "Cette démarche n'a pas de brouillon à tester."
                : procedure.ClosedAt is null ? "Cette démarche n'est pas encore disponible en ligne." : "Cette démarche n'accepte plus de nouvelles demandes en ligne.";
            return Redirect($"/demarches/{slug}");
        }

        // One draft per procedure: starting again resumes the draft in progress.
        var existing = await db.Requests
            .Where(r => r.ApplicantId == UserId && r.ProcedureId == procedure.Id && r.Status == RequestStatus.Draft && r.IsTest == test)
            .OrderByDescending(r => r.UpdatedAt)
            .Select(r => new { r.Id, r.CompletedSteps })
            .FirstOrDefaultAsync(ct);
        if (existing is not null)
        {
            TempData["Message"] = "Vous aviez déjà commencé cette démarche : reprenez là où vous vous étiez arrêté.";
            return Redirect($"/brouillons/{existing.Id}/etapes/{existing.CompletedSteps + 1}");
        }

        var draft = Domain.Requests.Request.StartDraft(procedure, UserId, clock.GetUtcNow(), test);
        db.Requests.Add(draft);
        await db.SaveChangesAsync(ct);
        return Redirect($"/brouillons/{draft.Id}/etapes/1");
    }

    [HttpGet("/brouillons/{id:guid}/etapes/{index:int}")]
    public async Task<IActionResult> Step(Guid id, int index, bool depuisRecapitulatif, CancellationToken ct)
    {
        var (draft, elsewhere) = await OpenDraftAsync(id, ct);
        if (draft is null)
        {
            return elsewhere!;
        }

        var count = draft.FormVersion.Parse().Steps.Count;
        // "Reprendre" sends to the step after the last one completed: when every step is done, that is the review.
        if (index == count + 1 && draft.CompletedSteps >= count)
        {
            return Redirect($"/brouillons/{id}/recapitulatif");
        }

        if (index < 1 || index > count)
        {
            return NotFound();
        }

        // Steps are filled in order: a step further than the next one to fill leads back to that one.
        var nextToFill = Math.Min(draft.CompletedSteps + 1, count);
        if (index > nextToFill)
        {
            return Redirect($"/brouillons/{id}/etapes/{nextToFill}");
        }

        return View(steps.Page(draft, index, depuisRecapitulatif));
    }

    [HttpPost("/brouillons/{id:guid}/etapes/{index:int}")]
    [RequestFormLimits(MultipartBodyLengthLimit = 64 * 1024 * 1024)]
    [RequestSizeLimit(64 * 1024 * 1024)]
    public async Task<IActionResult> SaveStep(Guid id, int index, bool depuisRecapitulatif, CancellationToken ct)
    {
        var (draft, elsewhere) = await OpenDraftAsync(id, ct);
        if (draft is null)
        {
            return elsewhere!;
        }

        var count = draft.FormVersion.Parse().Steps.Count;
        if (index < 1 || index > Math.Min(draft.CompletedSteps + 1, count))
        {
            return NotFound();
        }

        ModelState.Clear();
        var form = await Request.ReadFormAsync(ct);
        var (outcome, answers) = await steps.SaveAsync(draft, index, form, ModelState, ct);
        var back = depuisRecapitulatif ? "?depuisRecapitulatif=true" : "";
        switch (outcome)
        {
            case StepOutcome.Invalid:
                Response.StatusCode = StatusCodes.Status400BadRequest;
                return View("Step", steps.Page(draft, index, depuisRecapitulatif, answers));
            case StepOutcome.Again:
                return Redirect($"/brouillons/{id}/etapes/{index}{back}");
            case StepOutcome.Leave:
                TempData["Message"] = $"Votre brouillon « {draft.Procedure.Title} » est enregistré. Reprenez-le quand vous voulez depuis « Mes demandes ».";
                return Redirect(draft.IsTest ? "/back-office" : "/mes-demandes");
            default:
                return Redirect(depuisRecapitulatif || index == count ? $"/brouillons/{id}/recapitulatif" : $"/brouillons/{id}/etapes/{index + 1}");
        }
    }

    [HttpGet("/brouillons/{id:guid}/recapitulatif")]
    public async Task<IActionResult> Review(Guid id, CancellationToken ct)
    {
        var (draft, elsewhere) = await OpenDraftAsync(id, ct);
        if (draft is null)
        {
            return elsewhere!;
        }

        var count = draft.FormVersion.Parse().Steps.Count;
        if (draft.CompletedSteps < count)
        {
            return Redirect($"/brouillons/{id}/etapes/{draft.CompletedSteps + 1}");
        }

        return View(Forms.Review.Build(draft, Today()));
    }

    [HttpPost("/brouillons/{id:guid}/deposer")]
    public async Task<IActionResult> Submit(Guid id, string? declaration, CancellationToken ct)
    {
        var (draft, elsewhere) = await OpenDraftAsync(id, ct);
        if (draft is null)
        {
            return elsewhere!;
        }

        if (declaration != "oui")
        {
            ModelState.AddModelError("declaration", "Cochez la case pour certifier que les informations sont exactes.");
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return View("Review", Forms.Review.Build(draft, Today()));
        }

        if (draft.Procedure.ClosedAt is not null && !draft.IsTest)
        {
            TempData["Message"] = "Cette démarche n'accepte plus de nouvelles demandes en ligne.";
            return Redirect($"/brouillons/{id}/recapitulatif");
        }

        var applicant = await users.GetUserAsync(User);
        var number = await submit.RunAsync(id, applicant!, ct);
        if (number is null)
        {
            TempData["Message"] = "Votre demande est incomplète : corrigez les points signalés avant de la déposer.";
            return Redirect($"/brouillons/{id}/recapitulatif");
        }

        TempData["Message"] = $"Votre demande est déposée. Numéro de suivi : {number}.";
        return Redirect(RequestPage(number));
    }

    /// <summary>The applicant's own draft; anyone else's is not found, and a filed one leads to its request page.</summary>
    private async Task<(Domain.Requests.Request? Draft, IActionResult? Elsewhere)> OpenDraftAsync(Guid id, CancellationToken ct)
    {
        var draft = await steps.FindAsync(id, UserId, ct);
        return draft switch
        {
            null => (null, NotFound()),
            { Status: not RequestStatus.Draft } => (null, Redirect(RequestPage(draft.Number!))),
            _ => (draft, null),
        };
    }

    /// <summary>Where a filed request is followed: a test request by the staff who filed it, in the back-office.</summary>
    private static string RequestPage(string number) =>
        number.StartsWith(Numbering.TestPrefix, StringComparison.Ordinal) ? $"/back-office/demandes/{number}" : $"/mes-demandes/{number}";

    private DateOnly Today() => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
}
