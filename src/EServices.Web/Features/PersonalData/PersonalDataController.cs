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
        var title = await db.Requests.AsNoTracking()
            .Where(r => r.Id == id && r.ApplicantId == UserId && r.Status == RequestStatus.Draft)
            .Select(r => r.Procedure.Title).FirstOrDefaultAsync(ct);
        return title is null ? NotFound() : View("DeleteDraft", new DeleteDraftPage(id, title));
    }

    [HttpPost("brouillons/{id:guid}/supprimer")]
    public async Task<IActionResult> DeleteDraft(Guid id, CancellationToken ct)
    {
        if (!await erasure.DeleteDraftAsync(id, UserId, ct))
        {
            return NotFound();
        }

        TempData["Message"] = "Le brouillon est supprimé, avec ses réponses et ses pièces jointes.";
        return Redirect("/mes-demandes");
    }
}

public sealed record DeleteDraftPage(Guid Id, string ProcedureTitle);
