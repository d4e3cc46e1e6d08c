using EServices.Web.Forms;
using EServices.Web.Infrastructure.WaitingRoom;
using Microsoft.AspNetCore.Identity;

namespace EServices.Web.Features.Competitions;

/// <summary>The centre page: the competition's centres with the places left (a full one shown, not offered).</summary>
public sealed record CentrePage(Application Application, string? Error = null);

/// <summary>The review: the answers, what still prevents filing, the competition's fee.</summary>
public sealed record ApplicationReview(Application Application, ReviewPage Review, IReadOnlyList<string> Problems)
{
    public bool CanSubmit => Review.IsComplete && Problems.Count == 0;
}

/// <summary>The candidate chooses their exam centre, reviews the application and leaves for the payment (or files at once
/// when the competition is free).</summary>
[Authorize(Policy = AuthorizationPolicies.Applicant)]
public sealed class CentreAndReviewController(
    ApplicationQuery applications, ChooseCentre.Handler choose, SubmitApplication.Handler submit, UserManager<ApplicationUser> users, TimeProvider clock) : Controller
{
    private string UserId => users.GetUserId(User)!;

    [HttpGet("/candidatures/{id:guid}/centre")]
    public async Task<IActionResult> Centre(Guid id, CancellationToken ct)
    {
        var opened = await applications.OpenDraftToShowAsync(id, UserId, ct);
        return opened.Draft is not { } application ? this.Elsewhere(opened)
            : this.Closed(application, clock) ?? View("CandidacyCentre", new CentrePage(application));
    }

    [HttpPost("/candidatures/{id:guid}/centre")]
    public async Task<IActionResult> ChooseCentre(Guid id, string? centre, CancellationToken ct)
    {
        // The draft's centre, or once filed the change of it.
        var opened = await applications.OpenDraftAsync(id, UserId, ct);
        opened = opened.Elsewhere == $"/candidatures/{id}/modifier" ? await applications.OpenFiledAsync(id, UserId, ct) : opened;
        if (opened.Draft is not { } application)
        {
            return this.Elsewhere(opened);
        }

        var result = await choose.HandleAsync(application, centre, ct);
        if (result.Refusal is { } refusal)
        {
            return this.Refused(application, refusal);
        }

        if (result.Error is { } error)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return View("CandidacyCentre", new CentrePage((await applications.FindAsync(id, UserId, ct))!, error));
        }

        if (application.Request.Status == RequestStatus.Draft)
        {
            return Redirect($"/candidatures/{id}/recapitulatif");
        }

        TempData["Message"] = "Votre candidature est modifiée.";
        return Redirect($"/candidatures/{id}/modifier");
    }

    [HttpGet("/candidatures/{id:guid}/recapitulatif")]
    public async Task<IActionResult> Review(Guid id, CancellationToken ct)
    {
        var opened = await applications.OpenDraftToShowAsync(id, UserId, ct);
        return opened.Draft is not { } application ? this.Elsewhere(opened)
            : this.Closed(application, clock) ?? View("CandidacyReview", Build(application));
    }

    [HttpPost("/candidatures/{id:guid}/deposer")]
    public async Task<IActionResult> Submit(Guid id, string? declaration, CancellationToken ct)
    {
        var opened = await applications.OpenDraftAsync(id, UserId, ct);
        if (opened.Draft is not { } application)
        {
            return this.Elsewhere(opened);
        }

        if (declaration != "oui")
        {
            ModelState.AddModelError("declaration", "Cochez la case pour certifier que les informations sont exactes.");
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return View("CandidacyReview", Build(application));
        }

        var result = await submit.HandleAsync(id, UserId, ct);
        if (result.AwaitingPayment || result.Number is not null)
        {
            WaitingRoomGate.Leave(HttpContext); // the payment and « Mes demandes » are not the room's pages: the place frees now
        }

        if (result.AwaitingPayment)
        {
            return Redirect($"/brouillons/{id}/paiement");
        }

        if (result.CentreFull)
        {
            TempData["Error"] = result.Refusal;
            return Redirect($"/candidatures/{id}/centre");
        }

        if (result.Number is not { } number)
        {
            TempData["Message"] = result.Refusal;
            return Redirect($"/candidatures/{id}/recapitulatif");
        }

        TempData["Message"] = $"Votre candidature est déposée. Numéro d'ordre : {number}.";
        return Redirect($"/mes-demandes/{number}");
    }

    private ApplicationReview Build(Application application) =>
        new(application, Forms.Review.Build(application.Request, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime)), application.Problems());
}
