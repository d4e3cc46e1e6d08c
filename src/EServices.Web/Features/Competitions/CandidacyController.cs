using EServices.Web.Competitions;
using EServices.Web.Forms;
using Microsoft.AspNetCore.Identity;

namespace EServices.Web.Features.Competitions;

/// <summary>One step of the application as the candidate fills it.</summary>
public sealed record ApplicationStepPage(Application Application, StepPage Page, bool Amending = false);

/// <summary>The candidate applies to a competition chosen in the list and fills the registration form's steps 2 to 4; its
/// step 1 (competition, centre) is written by these pages.</summary>
[Authorize(Policy = AuthorizationPolicies.Applicant)]
public sealed class CandidacyController(
    AppDbContext db,
    Candidacies candidacies,
    ApplicationQuery applications,
    SaveApplicationStep.Handler save,
    DraftSteps steps,
    UserManager<ApplicationUser> users,
    TimeProvider clock) : Controller
{
    private string UserId => users.GetUserId(User)!;

    /// <summary>Back from the sign-in page (its return address is the button's): the competition's page, to press it again.</summary>
    [HttpGet("/concours/{code}/candidature")]
    public IActionResult Apply(string code) => Redirect($"/concours/{Uri.EscapeDataString(code)}");

    [HttpPost("/concours/{code}/candidature")]
    public async Task<IActionResult> Start(string code, CancellationToken ct)
    {
        var competition = await db.Competitions.AsNoTracking().Where(c => c.Code == code).Select(c => new { c.Id, c.Title }).FirstOrDefaultAsync(ct);
        if (competition is null)
        {
            return NotFound();
        }

        // Straight to the step to fill (not through Resume's address): one request less for every candidate.
        var start = await candidacies.StartAsync(competition.Id, UserId, ct);
        return start.RequestId is { } id ? await Resume(id, ct) : this.Refused(new RefusedPage(competition.Title, code, start.Refusal!));
    }

    [HttpGet("/candidatures/{id:guid}")]
    public async Task<IActionResult> Resume(Guid id, CancellationToken ct)
    {
        var opened = await applications.OpenDraftToShowAsync(id, UserId, ct);
        return opened.Draft is { } application ? Redirect(application.Next()) : this.Elsewhere(opened);
    }

    [HttpGet("/candidatures/{id:guid}/etapes/{index:int}")]
    public async Task<IActionResult> Step(Guid id, int index, bool depuisRecapitulatif, CancellationToken ct)
    {
        var opened = await applications.OpenDraftToShowAsync(id, UserId, ct);
        return opened.Draft is not { } application ? this.Elsewhere(opened)
            : !application.Steps.Contains(index) ? NotFound()
            : this.Closed(application, clock) ?? StepView(application, index, depuisRecapitulatif, null);
    }

    [HttpPost("/candidatures/{id:guid}/etapes/{index:int}")]
    [RequestFormLimits(MultipartBodyLengthLimit = 64 * 1024 * 1024)]
    [RequestSizeLimit(64 * 1024 * 1024)]
    public async Task<IActionResult> SaveStep(Guid id, int index, bool depuisRecapitulatif, CancellationToken ct)
    {
        var opened = await applications.OpenDraftAsync(id, UserId, ct);
        if (opened.Draft is not { } application || !application.Steps.Contains(index))
        {
            return this.Elsewhere(opened);
        }

        ModelState.Clear();
        var form = await Request.ReadFormAsync(ct);
        var result = await save.HandleAsync(application, index, form, ModelState, ct);
        if (result.Refusal is { } refusal)
        {
            return this.Refused(application, refusal);
        }

        var back = depuisRecapitulatif ? "?depuisRecapitulatif=true" : "";
        switch (result.Outcome)
        {
            case StepOutcome.Invalid:
                Response.StatusCode = StatusCodes.Status400BadRequest;
                return StepView(result.Application, index, depuisRecapitulatif, result.Answers);
            case StepOutcome.Again:
                return Redirect($"/candidatures/{id}/etapes/{index}{back}");
            case StepOutcome.Leave:
                TempData["Message"] = $"Votre candidature « {application.Competition.Title} » est enregistrée. Reprenez-la quand vous voulez depuis « Mes demandes ».";
                return Redirect("/mes-demandes");
            default:
                return Redirect(depuisRecapitulatif ? $"/candidatures/{id}/recapitulatif" : application.Next());
        }
    }

    private ViewResult StepView(Application application, int index, bool fromReview, FormAnswers? answers) =>
        View("CandidacyStep", new ApplicationStepPage(application, steps.Page(application.Request, index, fromReview, answers) with { Step = application.Step(index) }));
}
