using EServices.Web.Competitions;
using EServices.Web.Forms;
using EServices.Web.Workflow;
using Microsoft.AspNetCore.Identity;

namespace EServices.Web.Features.Filing;

/// <summary>The applicant's journey through a form: start, steps, review, submit. A draft is resumed from any step.</summary>
public sealed class FilingController(
    DraftSteps steps,
    DraftFlow flow,
    StartDraft.Handler start,
    SubmitDraft submit,
    CandidacyLinks candidacies,
    UserManager<ApplicationUser> users) : Controller
{
    private const string Pages = "/brouillons";

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
        // An application to a competition starts from the competition chosen in the list, which fills in its first step.
        if (!test && await candidacies.ThroughCompetitionsAsync(slug, ct))
        {
            TempData["Message"] = RequestFiling.ThroughCompetitions;
            return Redirect(CandidacyLinks.OpenCompetitions);
        }

        var result = await start.HandleAsync(new StartDraft.Command(slug, UserId, test), ct);
        if (result.Message is not null)
        {
            TempData["Message"] = result.Message;
        }

        return result.DraftId is { } id ? Redirect($"/brouillons/{id}/etapes/{result.Step}")
            : result.Message is null ? NotFound() : Redirect($"/demarches/{slug}");
    }

    [HttpGet("/brouillons/{id:guid}/etapes/{index:int}")]
    public async Task<IActionResult> Step(Guid id, int index, bool depuisRecapitulatif, CancellationToken ct)
    {
        var (draft, elsewhere) = await OpenDraftAsync(id, ct);
        return draft is null ? elsewhere! : flow.Step(this, draft, Pages, index, depuisRecapitulatif);
    }

    [HttpPost("/brouillons/{id:guid}/etapes/{index:int}")]
    [RequestFormLimits(MultipartBodyLengthLimit = 64 * 1024 * 1024)]
    [RequestSizeLimit(64 * 1024 * 1024)]
    public async Task<IActionResult> SaveStep(Guid id, int index, bool depuisRecapitulatif, CancellationToken ct)
    {
        var (draft, elsewhere) = await OpenDraftAsync(id, ct);
        return draft is null ? elsewhere! : await flow.SaveStepAsync(this, draft, Pages, index, depuisRecapitulatif,
            (draft.IsTest ? "/back-office" : "/mes-demandes",
                $"Votre brouillon « {draft.Procedure.Title} » est enregistré. Reprenez-le quand vous voulez depuis « Mes demandes »."), ct);
    }

    [HttpGet("/brouillons/{id:guid}/recapitulatif")]
    public async Task<IActionResult> Review(Guid id, CancellationToken ct)
    {
        var (draft, elsewhere) = await OpenDraftAsync(id, ct);
        return draft is null ? elsewhere! : flow.Review(this, draft, Pages, "Review");
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
            return View("Review", flow.Page(draft, Pages));
        }

        var result = await submit.RunAsync(id, (await users.GetUserAsync(User))!, ct);
        if (result.AwaitingPayment)
        {
            return Redirect($"/brouillons/{id}/paiement");
        }

        if (result.Number is not { } number)
        {
            TempData["Message"] = result.Refusal;
            return Redirect($"/brouillons/{id}/recapitulatif");
        }

        TempData["Message"] = $"Votre demande est déposée. Numéro de suivi : {number}.";
        return Redirect(RequestPage(number));
    }

    /// <summary>The applicant's own draft; anyone else's is not found, a filed one leads to its request page, one whose
    /// form is frozen while it waits for its payment to its payment page, an application to a competition to its own pages.</summary>
    private async Task<(Domain.Requests.Request? Draft, IActionResult? Elsewhere)> OpenDraftAsync(Guid id, CancellationToken ct)
    {
        var draft = await steps.FindAsync(id, UserId, ct);
        if (draft is not null && await candidacies.ResumeAsync(id, ct) is { } application)
        {
            return (null, Redirect(application));
        }

        return draft switch
        {
            null => (null, NotFound()),
            { Status: not RequestStatus.Draft } => (null, Redirect(RequestPage(draft.Number!))),
            { IsAwaitingPayment: true } => (null, Redirect($"/brouillons/{id}/paiement")),
            _ => (draft, null),
        };
    }

    /// <summary>Where a filed request is followed: a test request by the staff who filed it, in the back-office.</summary>
    private static string RequestPage(string number) =>
        number.StartsWith(Numbering.TestPrefix, StringComparison.Ordinal) ? $"/back-office/demandes/{number}" : $"/mes-demandes/{number}";
}
