using EServices.Web.Forms;
using Microsoft.AspNetCore.Identity;

namespace EServices.Web.Features.Competitions;

/// <summary>« Modifier ma candidature »: after filing, until the competition closes (the server's clock, to the second), the
/// candidate changes their centre (the place moves with it; the choice is posted where the draft's is) or the answers of
/// steps 2 and 3.</summary>
[Authorize(Policy = AuthorizationPolicies.Applicant)]
public sealed class AmendController(
    ApplicationQuery applications, AmendApplication.Handler amend, DraftSteps steps, UserManager<ApplicationUser> users, TimeProvider clock) : Controller
{
    /// <summary>The steps whose answers may change after filing (the documents were checked with the filing).</summary>
    private string UserId => users.GetUserId(User)!;

    [HttpGet("/candidatures/{id:guid}/modifier")]
    public async Task<IActionResult> Index(Guid id, CancellationToken ct)
    {
        var opened = await applications.OpenFiledAsync(id, UserId, ct);
        return opened.Draft is not { } application ? this.Elsewhere(opened) : this.Closed(application, clock) ?? View("CandidacyAmend", application);
    }

    [HttpGet("/candidatures/{id:guid}/modifier/centre")]
    public async Task<IActionResult> Centre(Guid id, CancellationToken ct)
    {
        var opened = await applications.OpenFiledAsync(id, UserId, ct);
        return opened.Draft is not { } application ? this.Elsewhere(opened) : this.Closed(application, clock) ?? View("CandidacyCentre", new CentrePage(application));
    }

    [HttpGet("/candidatures/{id:guid}/modifier/etapes/{index:int}")]
    public async Task<IActionResult> Step(Guid id, int index, CancellationToken ct)
    {
        var opened = await applications.OpenFiledAsync(id, UserId, ct);
        return opened.Draft is not { } application ? this.Elsewhere(opened)
            : !application.AmendableSteps.Contains(index) ? NotFound()
            : this.Closed(application, clock) ?? StepView(application, index, null);
    }

    [HttpPost("/candidatures/{id:guid}/modifier/etapes/{index:int}")]
    public async Task<IActionResult> SaveStep(Guid id, int index, CancellationToken ct)
    {
        var opened = await applications.OpenFiledAsync(id, UserId, ct);
        if (opened.Draft is not { } application || !application.AmendableSteps.Contains(index))
        {
            return this.Elsewhere(opened);
        }

        ModelState.Clear();
        var result = await amend.HandleAsync(application, index, await Request.ReadFormAsync(ct), ModelState, ct);
        if (result.Refusal is { } refusal)
        {
            return this.Refused(application, refusal);
        }

        if (!result.Saved)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return StepView((await applications.FindAsync(id, UserId, ct))!, index, result.Answers);
        }

        TempData["Message"] = "Votre candidature est modifiée.";
        return Redirect($"/candidatures/{id}/modifier");
    }

    private ViewResult StepView(Application application, int index, FormAnswers? answers) =>
        View("CandidacyStep", new ApplicationStepPage(application, steps.Page(application.Request, index, false, answers) with { Step = application.Step(index) }, Amending: true));
}
