using Microsoft.AspNetCore.Identity;

namespace EServices.Web.Features.PersonalData;

/// <summary>"Mes données": what the portal holds about the signed-in person, and a copy of it to download.</summary>
[Route("mes-donnees")]
[Microsoft.AspNetCore.Authorization.Authorize(Policy = AuthorizationPolicies.Applicant)]
public sealed class PersonalDataController(PersonalDataExport export, Erasure erasure, AppDbContext db, UserManager<ApplicationUser> users, TimeProvider clock) : Controller
{
    private string UserId => users.GetUserId(User)!;

    [HttpGet("")]
    public IActionResult PersonalData() => View();

    [HttpGet("export.json")]
    public async Task<IActionResult> Download(CancellationToken ct)
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        return this.Download(await export.RunAsync(user, ct), "application/json", $"mes-donnees-{today:yyyy-MM-dd}.json");
    }

    /// <summary>Asks before deleting: the draft's answers and files cannot be brought back.</summary>
    [HttpGet("brouillons/{id:guid}/supprimer")]
    public async Task<IActionResult> ConfirmDraftDeletion(Guid id, CancellationToken ct)
    {
        var page = await db.Requests.AsNoTracking()
            .Where(r => r.Id == id && r.ApplicantId == UserId && r.Status == RequestStatus.Draft)
            .Select(r => new DeleteDraftPage(id, r.Procedure.Title, r.AwaitingPaymentSince != null)).FirstOrDefaultAsync(ct);
        return page is null ? NotFound() : View("DeleteDraft", page);
    }

    [HttpPost("brouillons/{id:guid}/supprimer")]
    public async Task<IActionResult> DeleteDraft(Guid id, CancellationToken ct)
    {
        switch (await erasure.DeleteDraftAsync(id, UserId, ct))
        {
            case DraftDeletion.NotFound:
                return NotFound();
            case DraftDeletion.PaymentUnderWay:
                TempData["Message"] = "Un paiement est en cours pour cette demande : elle ne peut pas être supprimée avant sa confirmation (quelques minutes).";
                return Redirect($"/brouillons/{id}/paiement");
            default:
                TempData["Message"] = "Le brouillon est supprimé, avec ses réponses et ses pièces jointes.";
                return Redirect("/mes-demandes");
        }
    }
}

/// <param name="AwaitingPayment">The form is done and waits for its fee: "cette demande", and nothing was paid.</param>
public sealed record DeleteDraftPage(Guid Id, string ProcedureTitle, bool AwaitingPayment);
