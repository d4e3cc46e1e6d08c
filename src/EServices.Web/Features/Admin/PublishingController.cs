
namespace EServices.Web.Features.Admin;

/// <summary>"Publier", "Abandonner le brouillon", "Fermer", "Rouvrir", "Dupliquer": see <see cref="Publishing"/>.</summary>
[Authorize(Policy = AuthorizationPolicies.Admin)]
[Route("admin/demarches/{id:int}")]
public sealed class PublishingController(Publishing publishing) : Controller
{
    [HttpPost("publier")]
    public async Task<IActionResult> Publish(int id, CancellationToken ct)
    {
        if (await publishing.FindAsync(id, ct) is not { } procedure)
        {
            return NotFound();
        }

        var number = procedure.DraftFormVersion?.Number;
        var blockers = await publishing.PublishAsync(procedure, ct);
        TempData[blockers.Count == 0 ? "Message" : "Error"] = blockers.Count == 0
            ? $"La version {number} de « {procedure.Title} » est en ligne. Les demandes déjà déposées gardent leur version."
            : $"Publication impossible : {string.Join(" ", blockers)}";
        return Redirect($"/admin/demarches/{id}/formulaire");
    }

    [HttpPost("abandonner-brouillon")]
    public Task<IActionResult> Discard(int id, CancellationToken ct) =>
        Do(id, "Le brouillon est abandonné ; la version en ligne, s'il y en a une, reste inchangée.", publishing.DiscardDraftAsync, ct);

    [HttpPost("fermer")]
    public Task<IActionResult> Close(int id, CancellationToken ct) =>
        Do(id, "La démarche est fermée : plus de nouvelles demandes ; celles en cours continuent.", publishing.CloseAsync, ct);

    [HttpPost("rouvrir")]
    public Task<IActionResult> Reopen(int id, CancellationToken ct) =>
        Do(id, "La démarche accepte de nouveau des demandes.", publishing.ReopenAsync, ct);

    [HttpPost("dupliquer")]
    public async Task<IActionResult> Duplicate(int id, CancellationToken ct)
    {
        if (await publishing.FindAsync(id, ct) is not { } procedure)
        {
            return NotFound();
        }

        var copy = await publishing.DuplicateAsync(procedure, ct);
        TempData["Message"] = $"« {copy.Title} » est créée comme brouillon : modifiez son intitulé et son identifiant, puis son formulaire.";
        return Redirect($"/admin/demarches/{copy.Id}");
    }

    private async Task<IActionResult> Do(int id, string done, Func<Domain.Catalogue.Procedure, CancellationToken, Task> action, CancellationToken ct)
    {
        if (await publishing.FindAsync(id, ct) is not { } procedure)
        {
            return NotFound();
        }

        await action(procedure, ct);
        TempData["Message"] = done;
        return Redirect($"/admin/demarches/{id}/formulaire");
    }
}
